package io.tagrelay.worker.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tagrelay.worker.config.ClusterProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The one {@link KubernetesClient}, built from the environment: {@code KUBECONFIG} (or
 * {@code ~/.kube/config}) or, inside a pod, the ServiceAccount, with the request timeout
 * of {@code tagrelay.cluster.request-timeout}. An auto-configuration (listed in
 * {@code AutoConfiguration.imports}) so that it yields to a client that tests (or an
 * embedding application) define.
 */
@AutoConfiguration
@EnableConfigurationProperties(ClusterProperties.class)
public class ClusterConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	KubernetesClient kubernetesClient(ClusterProperties cluster) {
		return new KubernetesClientBuilder().withConfig(configure(Config.autoConfigure(null), cluster)).build();
	}

	/**
	 * The client settings the worker relies on: the configured request timeout, and no
	 * retries inside the client, so that {@link ClusterCalls} alone decides what is
	 * retried and how often.
	 * @param base the settings found in the environment
	 * @param cluster {@code tagrelay.cluster.*}
	 * @return the settings to build the client with
	 */
	public static Config configure(Config base, ClusterProperties cluster) {
		return new ConfigBuilder(base).withRequestTimeout((int) cluster.requestTimeout().toMillis())
			.withRequestRetryBackoffLimit(0)
			.build();
	}

}
