package io.tagrelay.worker.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.tagrelay.worker.cluster.Handling;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs tasks side by side on a pool of its own, at most
 * {@code tagrelay.cluster.concurrent-updates} at once, and waits for all of them. The
 * worker has two ({@link FanoutConfiguration}): one runs the repositories of a poll side
 * by side ({@link BatchDeployService}), the other the updates one push makes, one per
 * target following its repository ({@link PushHandler}), so that the rollout waits of a
 * dozen targets take as long as the longest of them, not their sum: a poll that waited
 * for each in turn outlived {@code max.poll.interval.ms}, the consumer was evicted and
 * the poll delivered again, for ever. A task of the first pool waits for tasks of the
 * second, never the other way round, so neither can fill up with tasks waiting for one
 * another. Idle threads end.
 */
class Fanout implements DisposableBean {

	private static final Duration IDLE = Duration.ofSeconds(30);

	private final ThreadPoolExecutor executor;

	Fanout(String threadPrefix, int threads) {
		this.executor = new ThreadPoolExecutor(threads, threads, IDLE.toMillis(), TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), new CustomizableThreadFactory(threadPrefix));
		this.executor.allowCoreThreadTimeOut(true);
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
