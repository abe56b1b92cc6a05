package io.tagrelay.worker.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.tagrelay.worker.cluster.Handling;
import io.tagrelay.worker.config.ClusterProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the updates one event makes (one per target following its repository) side by
 * side, at most {@code tagrelay.cluster.concurrent-updates} at once, so that the rollout
 * waits of a dozen targets take as long as the longest of them, not their sum: a poll
 * that waited for each in turn outlived {@code max.poll.interval.ms}, the consumer was
 * evicted and the poll delivered again, for ever.
 */
@Component
class Fanout implements DisposableBean {

	private final ExecutorService executor;

	Fanout(ClusterProperties cluster) {
		this.executor = Executors.newFixedThreadPool(cluster.concurrentUpdates(),
				new CustomizableThreadFactory("update-"));
	}

	/**
	 * Runs every task and waits for all of them, so that each publishes its outcomes even
	 * when another fails.
	 * @param <T> what a task returns
	 * @param tasks the tasks
	 * @return their results, in the order of the tasks
	 * @throws RuntimeException the first task's failure, once every task has ended
	 */
	<T> List<T> all(List<Supplier<T>> tasks) {
		if (tasks.size() == 1) {
			return Collections.singletonList(tasks.get(0).get());
		}
		List<CompletableFuture<T>> running = tasks.stream()
			.map((task) -> CompletableFuture.supplyAsync(Handling.carried(task), this.executor))
			.toList();
		List<T> results = new ArrayList<>(tasks.size());
		RuntimeException failure = null;
		for (CompletableFuture<T> task : running) {
			try {
				results.add(task.join());
			}
			catch (CompletionException ex) {
				failure = (failure != null) ? failure : unwrap(ex);
			}
		}
		if (failure != null) {
			throw failure;
		}
		return results;
	}

	/**
	 * Runs every task and waits for all of them.
	 * @param tasks the tasks
	 * @throws RuntimeException the first task's failure, once every task has ended
	 */
	void each(List<Runnable> tasks) {
		all(tasks.stream().<Supplier<Void>>map((task) -> () -> {
			task.run();
			return null;
		}).toList());
	}

	private static RuntimeException unwrap(CompletionException ex) {
		return (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
