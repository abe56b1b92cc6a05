package io.tagrelay.worker.deploy;

import io.tagrelay.model.target.Target;
import io.tagrelay.model.target.Targets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes the state of every configured target once the application (and with it the
 * Kafka producer) is ready, so that the ingest's views are filled even before the first
 * event. A target that cannot be read is logged, not fatal.
 */
@Component
class StartupStatePublisher {

	private static final Log logger = LogFactory.getLog(StartupStatePublisher.class);

	private final Targets targets;

	private final StateReporter reporter;

	StartupStatePublisher(Targets targets, StateReporter reporter) {
		this.targets = targets;
		this.reporter = reporter;
	}

	@EventListener(ApplicationReadyEvent.class)
	void publishAll() {
		for (Target target : this.targets.all()) {
			try {
				this.reporter.report(target);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not publish the state of " + target.namespace() + "/" + target.deployment() + ": "
						+ ex.getMessage());
			}
		}
	}

}
