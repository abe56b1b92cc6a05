package io.tagrelay.worker.scan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.target.Targets;
import io.tagrelay.support.kafka.TopicsProperties;
import io.tagrelay.worker.consume.EventsAssignment;
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

	// how long a partition count read from the producer's metadata is used
	private static final Duration PARTITIONS_REFRESH = Duration.ofMinutes(1);

	@Bean
	RepositoryScanner repositoryScanner(Targets targets, RegistryClient registry, EventsAssignment assignment,
			KafkaTemplate<String, byte[]> kafka, EventCodec codec, TopicsProperties topics,
			KubernetesClient kubernetesClient, Clock clock, MeterRegistry metrics, ScanProperties properties) {
		String events = topics.topics().events();
		PartitionOwner owner = new PartitionOwner(assignment, partitionCount(kafka, events, clock));
		return new RepositoryScanner(ScannedRepository.of(targets), registry, owner,
				new RepositoryScanner.Scanning(kafka, codec, events, kubernetesClient, clock, metrics), properties);
	}

	// the events topic's partition count, from the producer's metadata, read again
	// every minute
	private static PartitionOwner.PartitionCount partitionCount(KafkaTemplate<String, byte[]> kafka, String topic,
			Clock clock) {
		AtomicReference<Counted> counted = new AtomicReference<>();
		return () -> {
			Counted last = counted.get();
			Instant now = clock.instant();
			if (last == null || now.isAfter(last.at().plus(PARTITIONS_REFRESH))) {
				last = new Counted(kafka.partitionsFor(topic).size(), now);
				counted.set(last);
			}
			return last.count();
		};
	}

	private record Counted(int count, Instant at) {
	}

}
