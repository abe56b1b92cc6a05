package io.tagrelay.ingest.client;

import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.model.target.Targets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the clients, and logs each one's scope (never its token) at start-up.
 */
@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

	private static final Log logger = LogFactory.getLog(ClientsConfiguration.class);

	@Bean
	Clients clients(IngestProperties properties, Targets targets) {
		Clients clients = new Clients(properties, targets);
		for (Client client : clients.configured()) {
			logger.info("Client " + client.name() + ": repositories "
					+ (client.repositories().isEmpty() ? "any" : client.repositories()) + ", targets "
					+ (client.deployments().isEmpty() ? "any" : client.deployments()) + ", set-image "
					+ client.setImage() + ", downgrade " + client.downgrade() + ", max-queued " + client.maxQueued());
		}
		return clients;
	}

}
