package io.tagrelay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.tagrelay.ingest.IngestApplication;
import io.tagrelay.worker.WorkerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the ingest and the worker as two Spring Boot applications in this JVM,
 * configured through the same property keys a deployment uses; the same arguments start
 * either in a JVM of its own.
 *
 * @param bootstrapServers the Kafka broker(s)
 * @param receiverPort the webhook receiver's port
 * @param options ports and further properties
 */
public record Services(String bootstrapServers, int receiverPort, LocalStackOptions options) {

	/**
	 * Starts the ingest in this JVM.
	 * @return its application context
	 */
	public ConfigurableApplicationContext startIngest() {
		return run(IngestApplication.class, ingestArguments());
	}

	/**
	 * Starts the worker in this JVM; it finds the cluster through the {@code kubeconfig}
	 * system property or {@code KUBECONFIG}.
	 * @return its application context
	 */
	public ConfigurableApplicationContext startWorker() {
		return run(WorkerApplication.class, workerArguments());
	}

	/**
	 * The ingest's command-line arguments.
	 * @return the {@code --key=value} arguments
	 */
	public List<String> ingestArguments() {
		List<String> args = common("tagrelay-ingest");
		args.add("--spring.config.location=" + ownConfiguration(IngestApplication.class));
		args.add("--server.port=" + this.options.ingestPort());
		args.add("--management.server.port=" + this.options.ingestManagementPort());
		args.add("--tagrelay.ingest.tokens=" + LocalStack.TOKEN);
		args.add("--tagrelay.ingest.info.enabled=true");
		args.addAll(this.options.serviceArguments());
		return args;
	}

	/**
	 * The worker's command-line arguments (the cluster comes from {@code KUBECONFIG}).
	 * @return the {@code --key=value} arguments
	 */
	public List<String> workerArguments() {
		List<String> args = common("tagrelay-worker");
		args.add("--spring.config.location=" + ownConfiguration(WorkerApplication.class));
		args.add("--server.port=" + this.options.workerPort());
		args.add("--management.server.port=" + this.options.workerPort());
		args.add("--tagrelay.webhook.secret=" + LocalStack.WEBHOOK_SECRET);
		args.addAll(this.options.serviceArguments());
		return args;
	}

	private List<String> common(String name) {
		List<String> args = new ArrayList<>();
		args.add("--spring.application.name=" + name);
		args.add("--spring.main.banner-mode=off");
		args.add("--spring.kafka.bootstrap-servers=" + this.bootstrapServers);
		args.add("--logging.level.root=WARN");
		args.add("--logging.level.io.tagrelay=INFO");
		// two applications share this JVM's logging: the logger names tell them apart
		args.add("--logging.include-application-name=false");
		if (this.options.serviceArguments().stream().noneMatch((arg) -> arg.startsWith("--tagrelay.targets"))) {
			args.addAll(demoTarget());
		}
		return args;
	}

	/**
	 * The sandbox's target, unless the user names their own (as with a real cluster).
	 */
	private List<String> demoTarget() {
		return List.of("--tagrelay.targets[0].repository=" + LocalStack.REPOSITORY,
				"--tagrelay.targets[0].namespace=" + LocalStack.NAMESPACE,
				"--tagrelay.targets[0].deployment=" + LocalStack.DEPLOYMENT,
				"--tagrelay.targets[0].container=" + LocalStack.DEPLOYMENT,
				"--tagrelay.targets[0].rollout.initial-interval=250ms",
				// the sandbox's images are in no registry: nothing to ask
				"--tagrelay.targets[0].registry.verify=off", "--tagrelay.targets[0].webhook.url=" + webhookUrl());
	}

	/**
	 * Where the local receiver takes webhooks.
	 */
	private String webhookUrl() {
		return "http://127.0.0.1:" + this.receiverPort + "/hooks/tagrelay";
	}

	/**
	 * The {@code application.yml} a service ships. Both services have one at the root of
	 * their jar, so on a classpath that holds both, Spring Boot's default lookup would
	 * give each service the first one found: the worker would run with the ingest's
	 * settings (among them {@code spring.kafka.listener.ack-mode=manual}, so it would
	 * never commit an offset).
	 */
	static String ownConfiguration(Class<?> application) {
		String codeSource = application.getProtectionDomain().getCodeSource().getLocation().toString();
		try {
			for (URL file : Collections.list(application.getClassLoader().getResources("application.yml"))) {
				if (file.toString().startsWith(codeSource) || file.toString().startsWith("jar:" + codeSource)) {
					return file.toString();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException("no application.yml in " + codeSource);
	}

	private static ConfigurableApplicationContext run(Class<?> application, List<String> args) {
		return new SpringApplicationBuilder(application).main(application).run(args.toArray(String[]::new));
	}

}
