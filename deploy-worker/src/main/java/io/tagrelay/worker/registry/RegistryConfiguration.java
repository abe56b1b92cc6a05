package io.tagrelay.worker.registry;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.support.targets.TargetsProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry client and the tag verifier, from {@code tagrelay.registries*} (bound by
 * {@code service-support} with the targets) and {@code tagrelay.registry.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryClientProperties.class)
class RegistryConfiguration {

	@Bean
	RegistryHosts registryHosts(TargetsProperties properties) {
		return new RegistryHosts(properties);
	}

	@Bean(destroyMethod = "close")
	RegistryClient registryClient(RegistryHosts hosts, RegistryClientProperties properties, Clock clock) {
		return new RegistryClient(hosts, properties, clock);
	}

	@Bean
	TagVerifier tagVerifier(RegistryClient client, RegistryClientProperties properties, MeterRegistry metrics) {
		return new TagVerifier(client, properties, metrics);
	}

}
