package io.tagrelay.support.targets;

import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Binds {@code tagrelay.targets} and {@code uk.*} and combines them into the one
 * {@link Targets} bean of either service.
 */
@AutoConfiguration
@EnableConfigurationProperties({ TargetsProperties.class, UpdatekateProperties.class })
public class TargetsConfiguration {

	private static final Log logger = LogFactory.getLog(TargetsConfiguration.class);

	@Bean
	Targets targets(TargetsProperties configured, UpdatekateProperties updatekate) {
		Targets targets = new Targets(configured.targets(), updatekate.target());
		if (targets.isEmpty()) {
			logger.warn("No target is configured (tagrelay.targets[n] or UK_REPO/UK_DEPLOYMENT): "
					+ "nothing will be deployed, every push and image request is refused");
		}
		targets.all().forEach((target) -> logger.info("Target: " + describe(target)));
		return targets;
	}

	private static String describe(Target target) {
		return target.repository() + " -> " + target.namespace() + "/" + target.deployment()
				+ ((target.container() != null) ? "/" + target.container() : "");
	}

}
