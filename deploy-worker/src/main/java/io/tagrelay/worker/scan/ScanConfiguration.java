package io.tagrelay.worker.scan;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.target.Targets;
import io.tagrelay.support.kafka.TopicsProperties;
import io.tagrelay.worker.consume.EventsAssignment;
import io.tagrelay.worker.deploy.DeploymentReader;
import io.tagrelay.worker.registry.RegistryClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The reconciliation scan, for the targets that set a {@code scan-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScanProperties.class)
class ScanConfiguration {

	@Bean
	RepositoryScanner repositoryScanner(Targets targets, RegistryClient registry, EventsAssignment assignment,
			KafkaTemplate<String, byte[]> kafka, EventCodec codec, TopicsProperties topics,
			DeploymentReader deployments, Clock clock, MeterRegistry metrics, ScanProperties properties) {
		String events = topics.topics().events();
		// the producer's metadata, which it keeps up to date, is the cache of the count
		PartitionOwner owner = new PartitionOwner(assignment, () -> kafka.partitionsFor(events).size());
		return new RepositoryScanner(ScannedRepository.of(targets), registry, owner,
				new RepositoryScanner.Scanning(kafka, codec, events, deployments, clock, metrics), properties);
	}

}
