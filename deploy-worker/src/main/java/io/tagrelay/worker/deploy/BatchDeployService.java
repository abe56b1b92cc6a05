package io.tagrelay.worker.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetRef;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Applies the events of one poll. The pushes for one repository are applied together
 * ({@link PushHandler}): a consumer that lags behind a burst applies the newest tag once
 * instead of walking through every stale one. An image request keeps its place: the
 * pushes for its repository before it are applied before it, those after it after it; of
 * several image requests for one container in a poll only the latest is applied, the
 * earlier ones are skipped as superseded (one caller cannot queue a rollout per request).
 * Events of different repositories are independent: each repository's events are applied
 * in their order, the repositories side by side ({@link Fanout}), so that a poll of a
 * hundred repositories' pushes takes about as long as the slowest of them, not their sum.
 */
@Service
public class BatchDeployService {

	private final PushHandler pushes;

	private final ImageRequests requests;

	private final StaleEvents stale;

	private final Fanout repositories;

	BatchDeployService(PushHandler pushes, ImageRequests requests, StaleEvents stale,
			@Qualifier(FanoutConfiguration.REPOSITORIES) Fanout repositories) {
		this.pushes = pushes;
		this.requests = requests;
		this.stale = stale;
		this.repositories = repositories;
	}

	/**
	 * Applies the events of one poll, in order for each repository. A run that fails
	 * holds back the later events of its repository; the other repositories' events are
	 * still applied.
	 * @param events the events, in the order they were published
	 * @throws EventsFailedException if some could not be handled, naming the events that
	 * failed first in the poll and every event not handled (every other one has its
	 * outcomes published)
	 */
	public void apply(List<DeployEvent> events) {
		Map<DeployEvent, ImageRequest> superseded = superseded(events);
		Map<String, List<List<Integer>>> byRepository = new LinkedHashMap<>();
		for (List<Integer> run : runs(events)) {
			byRepository.computeIfAbsent(events.get(run.get(0)).repository(), (repository) -> new ArrayList<>())
				.add(run);
		}
		List<Lane> lanes = this.repositories.all(byRepository.values()
			.stream()
			.<Supplier<Lane>>map((runs) -> () -> applyInTurn(runs, events, superseded))
			.toList());
		List<Lane> failed = lanes.stream()
			.filter((lane) -> lane.failure() != null)
			.sorted(Comparator.comparing((Lane lane) -> lane.failed().get(0)))
			.toList();
		if (!failed.isEmpty()) {
			List<Integer> unhandled = failed.stream().flatMap((lane) -> lane.heldBack().stream()).sorted().toList();
			throw new EventsFailedException(failed.get(0).failed(), unhandled, failed.get(0).failure());
		}
	}

	// one repository's runs, in turn; the first that fails holds back those after it
	private Lane applyInTurn(List<List<Integer>> runs, List<DeployEvent> events,
			Map<DeployEvent, ImageRequest> superseded) {
		for (int i = 0; i < runs.size(); i++) {
			List<Integer> run = runs.get(i);
			try {
				applyRun(run.stream().map(events::get).toList(), superseded);
			}
			catch (RuntimeException ex) {
				List<Integer> heldBack = runs.subList(i, runs.size()).stream().flatMap(List::stream).toList();
				return new Lane(run.stream().sorted().toList(), heldBack, ex);
			}
		}
		return new Lane(List.of(), List.of(), null);
	}

	// each image request that a later one of the poll, for the same container, supersedes
	private static Map<DeployEvent, ImageRequest> superseded(List<DeployEvent> events) {
		Map<DeployEvent, ImageRequest> superseded = new IdentityHashMap<>();
		Map<TargetRef, ImageRequest> latest = new HashMap<>();
		for (int i = events.size() - 1; i >= 0; i--) {
			if (events.get(i) instanceof ImageRequest request) {
				ImageRequest later = latest.putIfAbsent(request.target(), request);
				if (later != null) {
					superseded.put(request, later);
				}
			}
		}
		return superseded;
	}

	private void applyRun(List<DeployEvent> all, Map<DeployEvent, ImageRequest> superseded) {
		Map<Boolean, List<DeployEvent>> byAge = all.stream().collect(Collectors.partitioningBy(this.stale::isStale));
		byAge.get(true).forEach(this.stale::skip);
		List<DeployEvent> run = byAge.get(false);
		if (run.isEmpty()) {
			return;
		}
		if (run.get(0) instanceof ImageRequest request) {
			ImageRequest later = superseded.get(request);
			if (later != null) {
				this.requests.supersede(request, later);
			}
			else {
				this.requests.apply(request);
			}
			return;
		}
		this.pushes.apply(run.stream().map(RegistryPush.class::cast).toList());
	}

	/**
	 * How one repository's events went.
	 *
	 * @param failed the run that failed, if one did
	 * @param heldBack that run and those after it
	 * @param failure why it failed, or {@code null}
	 */
	private record Lane(List<Integer> failed, List<Integer> heldBack, RuntimeException failure) {
	}

	// the indexes of the events, cut into runs of pushes for one repository and single
	// image requests, each run after those that must be applied before it
	static List<List<Integer>> runs(List<DeployEvent> events) {
		Map<String, List<Integer>> open = new LinkedHashMap<>();
		List<List<Integer>> runs = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			DeployEvent event = events.get(i);
			if (event instanceof RegistryPush) {
				open.computeIfAbsent(event.repository(), (repository) -> new ArrayList<>()).add(i);
				continue;
			}
			List<Integer> pushesBefore = open.remove(event.repository());
			if (pushesBefore != null) {
				runs.add(pushesBefore);
			}
			runs.add(List.of(i));
		}
		runs.addAll(open.values());
		return runs;
	}

}
