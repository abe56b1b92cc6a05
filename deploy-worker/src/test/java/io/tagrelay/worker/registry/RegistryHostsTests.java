package io.tagrelay.worker.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;
import io.tagrelay.support.targets.RegistryAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RegistryHostsTests {

	@Test
	void asksARegistryConfiguredNowhereAnonymouslyOverHttps() {
		RegistryHosts.Access access = new RegistryHosts(List.of(), null).forRegistry("quay.io");
		assertThat(access.base()).hasToString("https://quay.io");
		assertThat(access.credentials()).isEqualTo(Credentials.ANONYMOUS);
	}

	@Test
	void speaksToDockerHubAtItsApiHostWhateverAliasTheConfigurationUses() {
		RegistryHosts hosts = new RegistryHosts(List
			.of(new RegistryAccess("https://index.docker.io/v1/", "relay", new Secret("pw"), null, null, false)), null);
		RegistryHosts.Access access = hosts.forRegistry("docker.io");
		assertThat(access.base()).hasToString("https://registry-1.docker.io");
		assertThat(access.credentials()).isInstanceOf(Credentials.Basic.class);
	}

	@Test
	void speaksPlainHttpToAnInsecureRegistry() {
		RegistryHosts hosts = new RegistryHosts(
				List.of(new RegistryAccess("registry.local:5000", null, null, null, null, true)), null);
		assertThat(hosts.forRegistry("registry.local:5000").base()).hasToString("http://registry.local:5000");
	}

	@Test
	void takesEveryRegistryOfTheSharedDockerConfigUnlessConfiguredItself(@TempDir Path dir) throws Exception {
		Path config = dir.resolve("config.json");
		Files.writeString(config, """
				{"auths": {
				  "https://index.docker.io/v1/": {"username": "hub", "password": "hub-pw"},
				  "ghcr.io": {"registrytoken": "ghcr-token"},
				  "quay.io": {"username": "shared", "password": "shared-pw"}}}
				""");
		RegistryHosts hosts = new RegistryHosts(
				List.of(new RegistryAccess("quay.io", "own", new Secret("own-pw"), null, null, false)), config);

		assertThat(hosts.forRegistry("docker.io").credentials())
			.isEqualTo(new Credentials.Basic("hub", new Secret("hub-pw")));
		assertThat(hosts.forRegistry("ghcr.io").credentials())
			.isEqualTo(new Credentials.Token(new Secret("ghcr-token")));
		assertThat(hosts.forRegistry("quay.io").credentials())
			.isEqualTo(new Credentials.Basic("own", new Secret("own-pw")));
	}

	@Test
	void showsNoSecretInTheCredentials() {
		assertThat(new Credentials.Basic("relay", new Secret("pw-123"))).asString().doesNotContain("pw-123");
		assertThat(new Credentials.Token(new Secret("tok-123"))).asString().doesNotContain("tok-123");
	}

	@Test
	void refusesADockerConfigItCannotReadNamingTheKey(@TempDir Path dir) throws Exception {
		Path missing = dir.resolve("missing.json");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> new RegistryHosts(List.of(), missing))
			.withMessageStartingWith("tagrelay.registries-docker-config: cannot read");
		Path refresh = dir.resolve("refresh.json");
		Files.writeString(refresh, "{\"auths\":{\"myacr.azurecr.io\":{\"identitytoken\":\"x\"}}}");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new RegistryHosts(
					List.of(new RegistryAccess("myacr.azurecr.io", null, null, null, refresh, false)), null))
			.withMessageStartingWith("tagrelay.registries[0].docker-config")
			.withMessageContaining("identitytoken");
	}

	@Test
	void refusesTwoEntriesForOneRegistryNamingTheKey() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new RegistryHosts(List.of(new RegistryAccess("docker.io", null, null, null, null, false),
					new RegistryAccess("Index.Docker.io", null, null, null, null, false)), null))
			.withMessage("tagrelay.registries[1].host names a registry configured before: Index.Docker.io");
	}

}
