package io.tagrelay.worker.cluster;

import java.net.ConnectException;
import java.net.UnknownHostException;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterCallsTests {

	@Test
	void saysWhatTheApiServerAnsweredWithoutItsMessageWhichNamesTheServiceAccount() {
		KubernetesClientException forbidden = new KubernetesClientException(new StatusBuilder().withCode(403)
			.withReason("Forbidden")
			.withMessage(
					"deployments.apps \"web\" is forbidden: User \"system:serviceaccount:tagrelay:tagrelay-worker\""
							+ " cannot patch resource \"deployments\"")
			.build());

		assertThat(ClusterCalls.reason(forbidden)).isEqualTo("the API server answered 403 (Forbidden)");
	}

	@Test
	void saysThatNoAnswerCameWithoutTheServersAddress() {
		KubernetesClientException refused = new KubernetesClientException(
				"Failure executing: GET at: https://10.96.0.1/apis/apps/v1/namespaces/demo/deployments/web",
				new ConnectException("Connection refused: /10.96.0.1:443"));
		KubernetesClientException unknown = new KubernetesClientException("Operation: [get]",
				new UnknownHostException("kubernetes.default.svc"));

		assertThat(ClusterCalls.reason(refused)).isEqualTo("no answer from the API server (ConnectException)");
		assertThat(ClusterCalls.reason(unknown)).isEqualTo("no answer from the API server (UnknownHostException)")
			.doesNotContain("kubernetes.default.svc");
	}

}
