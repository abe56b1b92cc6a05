package io.tagrelay.testing.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How a test of the real registry behaves without its tools: skipped on a developer's
 * machine with the package to install, failed in CI, where {@code .ci/run} installs them.
 */
class RegistryToolTests {

	@TempDir
	Path bin;

	@Test
	void findsAToolOnThePathAndNamesThePackageOfOneThatIsMissing() throws Exception {
		Path umoci = executable("umoci");

		assertThat(RegistryTool.UMOCI.find("/nonexistent:" + this.bin)).hasValue(umoci);
		assertThat(RegistryTool.unavailable(List.of(RegistryTool.UMOCI, RegistryTool.HTPASSWD), false,
				this.bin.toString()))
			.hasValue("no htpasswd on the PATH (on Debian: apt-get install apache2-utils, as .ci/run does)");
	}

	@Test
	void isAReasonToSkipOnADevelopersMachineAndAFailureInCi() {
		assertThat(RegistryTool.unavailable(List.of(RegistryTool.DOCKER_REGISTRY), false, this.bin.toString()))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("apt-get install docker-registry"));
		assertThatIllegalStateException()
			.isThrownBy(() -> RegistryTool.unavailable(List.of(RegistryTool.SKOPEO), true, this.bin.toString()))
			.withMessage("CI=true and no skopeo on the PATH (on Debian: apt-get install skopeo, as .ci/run does)");
	}

	@Test
	void isNoReasonWhenEveryToolIsThere() throws Exception {
		for (RegistryTool tool : RegistryTool.values()) {
			executable(tool.toString());
		}

		assertThat(RegistryTool.unavailable(List.of(RegistryTool.values()), true, this.bin.toString())).isEmpty();
	}

	@Test
	void ignoresAFileThatIsNotExecutable() throws Exception {
		Files.writeString(this.bin.resolve("skopeo"), "");

		assertThat(RegistryTool.SKOPEO.find(this.bin.toString())).isEmpty();
	}

	private Path executable(String name) throws Exception {
		Path file = Files.writeString(this.bin.resolve(name), "#!/bin/sh\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}

}
