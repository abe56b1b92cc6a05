package io.tagrelay.local;

import io.tagrelay.ingest.IngestApplication;
import io.tagrelay.worker.WorkerApplication;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service of the local stack runs with the configuration it ships, though both are
 * on one classpath.
 */
class ServicesTests {

	private final Services services = new Services("127.0.0.1:9092", 9999, LocalStackOptions.parse());

	@Test
	void workerReadsTheWorkersOwnApplicationYaml() {
		String location = Services.ownConfiguration(WorkerApplication.class);

		assertThat(location).endsWith("application.yml").contains("deploy-worker");
		assertThat(this.services.workerArguments()).contains("--spring.config.location=" + location);
	}

	@Test
	void ingestReadsTheIngestsOwnApplicationYaml() {
		String location = Services.ownConfiguration(IngestApplication.class);

		assertThat(location).endsWith("application.yml").contains("ingest-service");
		assertThat(this.services.ingestArguments()).contains("--spring.config.location=" + location);
	}

}
