package io.tagrelay.reliability;

import java.util.ArrayList;
import java.util.List;

import io.tagrelay.local.LocalStackOptions;
import io.tagrelay.local.Services;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ingest in the test's JVM, on a free port, configured as the local stack configures
 * it.
 */
final class InProcessIngest implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private InProcessIngest(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the ingest.
	 * @param bootstrapServers Kafka
	 * @param properties further {@code --key=value} properties (targets, timeouts)
	 * @return the running ingest
	 */
	static InProcessIngest start(String bootstrapServers, List<String> properties) {
		// the fault tests push as fast as they can with the global token: its rate limit
		// (which guards against a flood) would refuse them
		List<String> options = new ArrayList<>(List.of("--ingest-port=0", "--worker-port=0", "--receiver-port=0",
				"--tagrelay.ingest.rate-limit.per-client.limit=1000000"));
		options.addAll(properties);
		return new InProcessIngest(
				new Services(bootstrapServers, 0, LocalStackOptions.parse(options.toArray(String[]::new)))
					.startIngest());
	}

	/**
	 * A client that pushes to this ingest.
	 * @return the pusher
	 */
	Pusher pusher() {
		return new Pusher(this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
