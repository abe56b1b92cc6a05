package io.tagrelay.worker.config;

import java.time.Clock;

import io.tagrelay.model.event.EventCodec;
import io.tagrelay.model.target.Targets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the worker's configuration and combines {@code tagrelay.targets} with the
 * updatekate target into the one {@link Targets} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TargetsProperties.class, UpdatekateProperties.class, TopicsProperties.class,
		WebhookProperties.class, ClusterProperties.class })
public class WorkerConfiguration {

	private static final Log logger = LogFactory.getLog(WorkerConfiguration.class);

	@Bean
	Targets targets(TargetsProperties configured, UpdatekateProperties updatekate) {
		Targets targets = new Targets(configured.targets(), updatekate.settings().target());
		if (targets.isEmpty()) {
			logger.warn("No target is configured (tagrelay.targets[n] or UK_REPO/UK_DEPLOYMENT): "
					+ "every event will be skipped");
		}
		targets.all()
			.forEach((target) -> logger.info("Target: " + target.repository() + " -> " + target.namespace() + "/"
					+ target.deployment() + ((target.container() != null) ? "/" + target.container() : "")));
		return targets;
	}

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
