package io.tagrelay.worker.cluster;

import java.time.Duration;

/**
 * The API server did not answer (or answered 5xx, 429) for longer than
 * {@code tagrelay.cluster.outage-budget}.
 */
public class ClusterUnavailableException extends RuntimeException {

	ClusterUnavailableException(Duration budget, RuntimeException last) {
		super("the API server was unavailable for " + budget + " (tagrelay.cluster.outage-budget); last: "
				+ ClusterCalls.reason(last), last);
	}

}
