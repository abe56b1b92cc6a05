package io.tagrelay.worker.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.ImageRequest;
import io.tagrelay.model.event.RegistryPush;

import org.springframework.stereotype.Service;

/**
 * Applies the events of one poll. The pushes for one repository are applied together
 * ({@link PushHandler}): a consumer that lags behind a burst applies the newest tag once
 * instead of walking through every stale one. An image request is never collapsed and
 * keeps its place: the pushes for its repository before it are applied before it, those
 * after it after it. Events of different repositories are independent.
 */
@Service
public class BatchDeployService {

	private final PushHandler pushes;

	private final ImageRequests requests;

	BatchDeployService(PushHandler pushes, ImageRequests requests) {
		this.pushes = pushes;
		this.requests = requests;
	}

	/**
	 * Applies the events of one poll, in order for each repository.
	 * @param events the events, in the order they were published
	 * @throws EventsFailedException if one could not be handled, with the first event
	 * that has not been handled (every one before it has its outcomes published)
	 */
	public void apply(List<DeployEvent> events) {
		boolean[] handled = new boolean[events.size()];
		for (List<Integer> run : runs(events)) {
			try {
				applyRun(run.stream().map(events::get).toList());
			}
			catch (RuntimeException ex) {
				throw new EventsFailedException(firstUnhandled(handled), ex);
			}
			run.forEach((index) -> handled[index] = true);
		}
	}

	private void applyRun(List<DeployEvent> run) {
		if (run.get(0) instanceof ImageRequest request) {
			this.requests.apply(request);
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

	private static int firstUnhandled(boolean[] handled) {
		int index = 0;
		while (index < handled.length && handled[index]) {
			index++;
		}
		return index;
	}

}
