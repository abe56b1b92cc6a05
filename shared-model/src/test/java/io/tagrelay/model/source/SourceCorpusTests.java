package io.tagrelay.model.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.tagrelay.model.source.Announcement.Nothing;
import io.tagrelay.model.source.Announcement.Pushes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every real payload of the corpus announces, read by its source's parser (the
 * directory names the source).
 */
class SourceCorpusTests {

	static Stream<Sample> corpus() {
		return Stream.of(pushed("quay/keel-quay_test.json", "quay.io/mynamespace/repository", null, "1.2.3"),
				pushed("quay/redhat-quay-docs-repository-push.json", "quay.io/dgangaia/test", null, "latest"),
				pushed("quay/jakedt-gist-7533338.json", "quay.io/devtable/ubuntu", null, "latest"),
				nothing("quay/quay-notificationevent-repo_push-sample.json",
						"Quay's test notification names sample tags, not pushed ones"),
				pushed("dockerhub/keel-dockerhub_test.json", "docker.io/karolisr/keel", null, "0.1.7"),
				pushed("dockerhub/docker-docs-webhooks.json", "docker.io/svendowideit/testhook", null, "latest"),
				pushed("harbor/harbor-docs-default-2.0.json", "hub.harbor.com/test-webhook/debian",
						"sha256:8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8", "latest"),
				pushed("harbor/port-ocean-harbor-conftest-cloudevents-pushed.json",
						"localhost:8081/ocean-integration/redis",
						"sha256:e19a92f6821ebdbfa6676b7133c594c7ea9c3702daf773f5064845b9f8642b93", "v1"),
				pushed("harbor/keel-harbor_test-pushimage.json", "harbor.mydomain.com/library/ai-rag",
						"sha256:b4758aaed11c155a476b9857e1178f157759c99cb04c907a04993f5481eff848", "1.2.3"),
				// the tag field, not the (inconsistent) tag of resource_url
				pushed("harbor/keel-harbor_test-push-artifact.json", "quay.io/mynamespace/repository",
						"sha256:b4758aaed11c155a476b9857e1178f157759c99cb04c907a04993f5481eff848", "latest"),
				nothing("harbor/harbor-docs-default-pushed-digest.json", "Harbor pushed an artifact without a tag"),
				nothing("harbor/harbor-docs-cloudevents-pushed-digest.json", "Harbor pushed an artifact without a tag"),
				nothing("harbor/harbor-docs-default-pulled.json",
						"Harbor's event 'PULL_ARTIFACT' is not an artifact push"),
				nothing("harbor/harbor-docs-cloudevents-deleted.json",
						"Harbor's event 'harbor.artifact.deleted' is not an artifact push"),
				nothing("harbor/harbor-docs-default-scanning-completed.json",
						"Harbor's event 'SCANNING_COMPLETED' is not an artifact push"),
				pushed("github/theryangeary-homelab-package-published.json", "ghcr.io/theryangeary/www",
						"sha256:89160c587d0c36bf54090497a465445c14980ba48efbcf3b0d03c49b76f3feb8", "0e2a89b")
					.sentAs("package"),
				nothing("github/octokit-webhooks-ping.json", "GitHub's ping").sentAs("ping"),
				nothing("github/octokit-webhooks-package-published-docker.json",
						"GitHub published a package that is not a container image")
					.sentAs("package"),
				nothing("github/keel-github_test-container-registry.json",
						"GitHub's package action 'create' publishes nothing")
					.sentAs("package"),
				nothing("github/keel-github_test-registry-package.json",
						"GitHub's event 'registry_package' is not a package event")
					.sentAs("registry_package"),
				pushed("distribution/keel-registry_notifications_test.json", "registry.git.erxes.io/foo/bar",
						"sha256:4afff550708506c5b8b7384ad10d401a02b29ed587cb2730cb02753095b5178d", "1.6.1"),
				nothing("distribution/distribution-docs-notifications-pull.json",
						"the registry announced no tagged manifest push"),
				// a manifest pushed by digest and two blobs
				nothing("distribution/distribution-docs-notifications-envelope.json",
						"the registry announced no tagged manifest push"),
				pushed("acr/azure-docs-push.json", "myregistry.azurecr.io/hello-world",
						"sha256:80f0d5c8786bb9e621a45ece0db56d11cdc624ad20da9fe62e9d25490f331d7d", "v1"),
				nothing("acr/azure-docs-delete.json",
						"Azure Container Registry's action 'delete' is not an image push"),
				nothing("acr/azure-docs-chart-push.json",
						"Azure Container Registry's action 'chart_push' is not an image push"),
				pushed("artifact-registry/google-docs-pubsub-insert.json",
						"us-east1-docker.pkg.dev/my-project/my-repo/hello-world",
						"sha256:6ec128e26cd50000000000000000000000000000000000000000000000000000", "1.1"),
				nothing("artifact-registry/google-docs-pubsub-insert-digest-only.json",
						"Artifact Registry announced a push by digest, without a tag"),
				nothing("artifact-registry/google-docs-pubsub-delete.json",
						"Artifact Registry's action 'DELETE' is not a push"),
				pushed("ecr/aws-docs-ecr-image-action.json",
						"123456789012.dkr.ecr.us-west-2.amazonaws.com/my-repository-name",
						"sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd12340000", "latest"),
				pushed("ecr/aws-ia-soci-index-builder-ecr-image-action.json",
						"123456789012.dkr.ecr.us-east-1.amazonaws.com/repository_name",
						"sha256:978f5f8049d3d0de30a7fc3892aafdfb323451bf682170d99154230ddefbe91e", "hello-world"),
				pushed("generic/tagrelay-issue-14.json", "quay.io/acme/web", null, "1.2.3"),
				pushed("generic/tagrelay-ci-tags-and-digest.json", "registry.example.com:5000/acme/web",
						"sha256:2b94d3d75692e4b04dde5046ad3246fe01cc8889cb641c3e116f10e41c51e164", "1.2.3", "1.2",
						"latest"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void readsWhatEveryPayloadAnnounces(Sample sample) {
		assertThat(sample.parse()).isEqualTo(sample.expected());
	}

	@Test
	void everyPayloadOfTheCorpusIsReadAboveAndListedInTheReadme() throws IOException {
		List<String> read = corpus().map(Sample::file).toList();
		String readme = new String(Payloads.read("README.md"), StandardCharsets.UTF_8);
		List<String> files = corpusFiles();
		assertThat(read).containsExactlyInAnyOrderElementsOf(files);
		assertThat(files).allSatisfy((file) -> assertThat(readme).contains("`" + file + "`"));
	}

	private static List<String> corpusFiles() throws IOException {
		Path root;
		try {
			root = Path.of(Payloads.class.getResource("/payloads").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((path) -> path.toString().endsWith(".json"))
				.map((path) -> root.relativize(path).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	static Sample pushed(String file, String repository, String digest, String... tags) {
		return new Sample(file, null, new Pushes(List.of(new Pushed(repository, List.of(tags), digest))));
	}

	static Sample nothing(String file, String reason) {
		return new Sample(file, null, new Nothing(reason));
	}

	/**
	 * A payload of the corpus and what it announces.
	 *
	 * @param file its path under {@code payloads/}
	 * @param event the {@code X-GitHub-Event} GitHub sends with it, or null
	 * @param expected what it announces
	 */
	record Sample(String file, String event, Announcement expected) {

		Sample sentAs(String gitHubEvent) {
			return new Sample(this.file, gitHubEvent, this.expected);
		}

		Announcement parse() {
			Source source = Source.ofId(this.file.substring(0, this.file.indexOf('/')));
			return SourceParsers.of(source)
				.parse(Payloads.read(this.file), (name) -> name.equalsIgnoreCase("X-GitHub-Event") ? this.event : null);
		}

		@Override
		public String toString() {
			return this.file;
		}

	}

}
