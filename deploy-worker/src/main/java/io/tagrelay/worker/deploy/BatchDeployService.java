package io.tagrelay.worker.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.model.event.TargetRef;

import org.springframework.stereotype.Service;

/**
 * Applies the events of one poll. The pushes for one repository are applied together
 * ({@link PushHandler}): a consumer that lags behind a burst applies the newest tag once
 * instead of walking through every stale one. An image request keeps its place: the
 * pushes for its repository before it are applied before it, those after it after it; of
 * several image requests for one container in a poll only the latest is applied, the
 * earlier ones are skipped as superseded (one caller cannot queue a rollout per request).
 * Events of different repositories are independent.
 */
@Service
public class BatchDeployService {

	private final PushHandler pushes;

	private final ImageRequests requests;

	private final StaleEvents stale;

	BatchDeployService(PushHandler pushes, ImageRequests requests, StaleEvents stale) {
		this.pushes = pushes;
		this.requests = requests;
		this.stale = stale;
	}

	/**
	 * Applies the events of one poll, in order for each repository. A run that fails
	 * holds back the later events of its repository; the other repositories' events are
	 * still applied.
	 * @param events the events, in the order they were published
	 * @throws EventsFailedException if some could not be handled, naming the events that
	 * failed and every event not handled (every other one has its outcomes published)
	 */
	public void apply(List<DeployEvent> events) {
		Map<String, List<Integer>> heldBack = new LinkedHashMap<>();
		List<Integer> failed = List.of();
		RuntimeException failure = null;
		Map<DeployEvent, ImageRequest> superseded = superseded(events);
		for (List<Integer> run : runs(events)) {
			String repository = events.get(run.get(0)).repository();
			if (heldBack.containsKey(repository)) {
				heldBack.get(repository).addAll(run);
				continue;
			}
			try {
				applyRun(run.stream().map(events::get).toList(), superseded);
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
					failed = run;
				}
				heldBack.put(repository, new ArrayList<>(run));
			}
		}
		if (failure != null) {
			List<Integer> unhandled = heldBack.values().stream().flatMap(List::stream).sorted().toList();
			throw new EventsFailedException(failed.stream().sorted().toList(), unhandled, failure);
		}
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
