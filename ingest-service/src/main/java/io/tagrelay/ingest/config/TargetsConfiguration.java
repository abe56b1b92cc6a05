package io.tagrelay.ingest.config;

import io.tagrelay.model.target.Targets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the ingest's configuration and combines {@code tagrelay.targets} with the
 * updatekate target into the one {@link Targets} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ IngestProperties.class, KafkaTopicsProperties.class, TargetsProperties.class,
		UpdatekateProperties.class })
public class TargetsConfiguration {

	private static final Log logger = LogFactory.getLog(TargetsConfiguration.class);

	@Bean
	Targets targets(TargetsProperties configured, UpdatekateProperties updatekate) {
		Targets targets = new Targets(configured.targets(), updatekate.settings().target());
		if (targets.isEmpty()) {
			logger.warn("No target is configured (tagrelay.targets[n] or UK_REPO/UK_DEPLOYMENT): "
					+ "every push and image request will be refused");
		}
		else {
			targets.all()
				.forEach((target) -> logger.info("Target: " + target.repository() + " -> " + target.namespace() + "/"
						+ target.deployment() + ((target.container() != null) ? "/" + target.container() : "")));
		}
		return targets;
	}

	@Bean
	InfoSwitch infoSwitch(IngestProperties ingest, UpdatekateProperties updatekate) {
		return new InfoSwitch(ingest.info().enabled() || updatekate.infoEnabled());
	}

}
