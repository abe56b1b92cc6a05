package io.tagrelay.worker.cluster;

/**
 * The work a wait was for is no longer wanted (its poll was abandoned): nothing of it may
 * be published, its events are delivered again to the next owner of their partitions.
 */
public class HandlingAbandonedException extends RuntimeException {

	HandlingAbandonedException() {
		super("abandoned: its partitions were revoked or the worker stops", null, false, false);
	}

}
