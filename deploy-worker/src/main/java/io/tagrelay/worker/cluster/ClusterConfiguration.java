package io.tagrelay.worker.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The one {@link KubernetesClient}, built from the environment: {@code KUBECONFIG} (or
 * {@code ~/.kube/config}) or, inside a pod, the ServiceAccount. An auto-configuration
 * (listed in {@code AutoConfiguration.imports}) so that it yields to a client that tests
 * (or an embedding application) define.
 */
@AutoConfiguration
public class ClusterConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	KubernetesClient kubernetesClient() {
		return new KubernetesClientBuilder().build();
	}

}
