package io.tagrelay.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tagrelay.model.event.DeployEvent;
import io.tagrelay.model.event.DeploymentOutcome;
import io.tagrelay.model.event.DeploymentOutcome.Result;
import io.tagrelay.model.event.RegistryPush;
import io.tagrelay.reliability.Pusher.Push;
import org.assertj.core.api.SoftAssertions;
import org.semver4j.Semver;

/**
 * Accepted against applied, the way the product promises it now that the worker collapses
 * stale pushes (within one poll, the pushes of one repository become one update to the
 * newest allowed tag, the others are {@code SKIPPED} "superseded by"):
 * <ul>
 * <li>every push answered 202 is on the events topic and has an outcome on the results
 * topic: {@code UPDATED} to its tag, or {@code SKIPPED} as superseded by a push with a
 * greater tag that was itself applied (its image is in the API server's history);</li>
 * <li>each Deployment's image history, as the API server stored it, is strictly
 * increasing (never a downgrade, each tag applied once, so in push order), holds only
 * pushed tags, and ends on the greatest tag enqueued for its repository, which no 202's
 * tag exceeds;</li>
 * <li>every {@code UPDATED} outcome's image is in that history.</li>
 * </ul>
 * The greatest tag is taken from the events topic, not from the 202s alone: a push
 * answered 503 whose record the producer delivered later is applied too.
 */
final class Ledger {

	private static final Pattern SUPERSEDED = Pattern.compile("superseded by (\\S+) \\(tag ([^)]+)\\)");

	private final List<Push> accepted;

	private final Map<String, List<DeploymentOutcome>> outcomesByEvent;

	private final Set<String> enqueued;

	private final Map<String, List<String>> histories;

	private final Map<String, List<String>> enqueuedTags = new LinkedHashMap<>();

	private final Map<String, List<String>> pushedTags = new LinkedHashMap<>();

	private final List<DeploymentOutcome> outcomes;

	/**
	 * @param pushes every push made, whatever its answer
	 * @param events the events topic
	 * @param outcomes the results topic
	 * @param histories the images each Deployment had, by fleet name, oldest first
	 */
	Ledger(Collection<Push> pushes, List<DeployEvent> events, List<DeploymentOutcome> outcomes,
			Map<String, List<String>> histories) {
		this.accepted = pushes.stream().filter(Push::accepted).toList();
		this.outcomes = outcomes;
		this.outcomesByEvent = outcomes.stream().collect(Collectors.groupingBy(DeploymentOutcome::eventId));
		this.enqueued = events.stream().map(DeployEvent::eventId).collect(Collectors.toSet());
		this.histories = histories;
		histories.keySet().forEach((name) -> {
			this.enqueuedTags.put(name, new ArrayList<>());
			this.pushedTags.put(name, new ArrayList<>(List.of("1.0.0")));
		});
		for (DeployEvent event : events) {
			if (event instanceof RegistryPush push) {
				this.enqueuedTags.get(name(push.repository())).addAll(push.tags());
			}
		}
		pushes.forEach((push) -> this.pushedTags.get(name(push.repository())).add(push.tag()));
	}

	/** 202s with an {@code UPDATED} outcome to their tag. */
	long updated() {
		return this.accepted.stream().filter(this::updated).count();
	}

	/** 202s not updated but superseded by a greater tag that was applied. */
	long superseded() {
		return this.accepted.stream().filter((push) -> !updated(push) && superseded(push)).count();
	}

	/** 202s neither updated nor superseded (without an outcome, or another one). */
	long lost() {
		return this.accepted.size() - updated() - superseded();
	}

	/** Images the API server stored after the first, over all Deployments. */
	long patches() {
		return this.histories.values().stream().mapToLong((images) -> images.size() - 1).sum();
	}

	/** Deployments whose history is not strictly increasing. */
	long downgrades() {
		return this.histories.values().stream().filter((images) -> !Tags.strictlyIncreasing(images)).count();
	}

	/** Outcomes published beyond one per event (redeliveries after a crash). */
	long extraOutcomes() {
		return this.outcomes.size() - this.outcomesByEvent.size();
	}

	/** The count line's share of this ledger. */
	String counts() {
		return "answered202=%d updated=%d superseded=%d lost=%d patches=%d downgrades=%d outcomes=%d extraOutcomes=%d"
			.formatted(this.accepted.size(), updated(), superseded(), lost(), patches(), downgrades(),
					this.outcomes.size(), extraOutcomes());
	}

	/** Asserts every guarantee, reporting all that fail. */
	void assertGuarantees() {
		SoftAssertions softly = new SoftAssertions();
		for (Push push : this.accepted) {
			softly.assertThat(this.enqueued)
				.as("202 %s %s on the events topic", push.repository(), push.tag())
				.contains(push.eventId());
			softly.assertThat(updated(push) || superseded(push))
				.as("202 %s %s (%s) updated, or superseded by an applied greater tag; its outcomes: %s",
						push.repository(), push.tag(), push.eventId(), this.outcomesByEvent.get(push.eventId()))
				.isTrue();
		}
		this.histories.forEach((name, images) -> {
			List<String> tags = images.stream().map(Tags::tag).toList();
			softly.assertThat(Tags.strictlyIncreasing(images))
				.as("images of %s strictly increasing: %s", name, tags)
				.isTrue();
			softly.assertThat(this.pushedTags.get(name)).as("images of %s are pushed tags", name).containsAll(tags);
			String last = tags.get(tags.size() - 1);
			greatest(this.enqueuedTags.get(name)).ifPresent((greatest) -> softly.assertThat(last)
				.as("%s ends on the greatest tag enqueued", name)
				.isEqualTo(greatest));
			this.accepted.stream()
				.filter((push) -> name(push.repository()).equals(name))
				.forEach((push) -> softly.assertThat(new Semver(push.tag()).isLowerThanOrEqualTo(last))
					.as("202 %s %s <= final %s", name, push.tag(), last)
					.isTrue());
		});
		this.outcomes.stream()
			.filter((outcome) -> outcome.result() == Result.UPDATED)
			.forEach((outcome) -> softly.assertThat(history(outcome.repository()))
				.as("UPDATED %s seen by the API server", outcome.image())
				.contains(outcome.image()));
		softly.assertAll();
	}

	private boolean updated(Push push) {
		return outcomesOf(push).stream()
			.anyMatch((outcome) -> outcome.result() == Result.UPDATED && push.tag().equals(outcome.tag()));
	}

	private boolean superseded(Push push) {
		return outcomesOf(push).stream()
			.filter((outcome) -> outcome.result() == Result.SKIPPED && outcome.reason() != null)
			.map((outcome) -> SUPERSEDED.matcher(outcome.reason()))
			.filter(Matcher::find)
			.anyMatch((winner) -> new Semver(winner.group(2)).isGreaterThan(push.tag())
					&& history(push.repository()).contains(push.repository() + ":" + winner.group(2)));
	}

	private List<DeploymentOutcome> outcomesOf(Push push) {
		return this.outcomesByEvent.getOrDefault(push.eventId(), List.of());
	}

	private List<String> history(String repository) {
		return this.histories.getOrDefault(name(repository), List.of());
	}

	private static Optional<String> greatest(List<String> tags) {
		return new HashSet<>(tags).stream().max((a, b) -> new Semver(a).compareTo(new Semver(b)));
	}

	private static String name(String repository) {
		return repository.substring(repository.lastIndexOf('/') + 1);
	}

}
