package io.tagrelay.testing.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.tagrelay.testing.cluster.ReplicaSets.Owned;

/**
 * One sync of one Deployment, as the real Deployment controller's {@code syncDeployment}
 * does it ({@code pkg/controller/deployment}: {@code sync.go}, {@code rolling.go},
 * {@code recreate.go}, {@code progress.go}, {@code util/deployment_util.go}), on the
 * in-memory {@link ReplicaSets}: the paused conditions, then either a scaling sync
 * (paused, or {@code spec.replicas} changed) or a rollout step (rolling update within
 * maxSurge/maxUnavailable, or recreate), and the status {@code calculateStatus} and
 * {@code syncRolloutStatus} compute. It folds the real controller's several status writes
 * of one sync into the one status it returns.
 */
final class DeploymentSync {

	static final String PROGRESSING = "Progressing";

	static final String AVAILABLE = "Available";

	static final String NEW_RS_CREATED = "NewReplicaSetCreated";

	static final String FOUND_NEW_RS = "FoundNewReplicaSet";

	static final String RS_UPDATED = "ReplicaSetUpdated";

	static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";

	static final String TIMED_OUT = "ProgressDeadlineExceeded";

	static final String PAUSED = "DeploymentPaused";

	static final String RESUMED = "DeploymentResumed";

	static final String MIN_AVAILABLE = "MinimumReplicasAvailable";

	static final String MIN_UNAVAILABLE = "MinimumReplicasUnavailable";

	/** What the API server defaults {@code progressDeadlineSeconds} to. */
	static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

	/** What the API server defaults {@code revisionHistoryLimit} to (apps/v1). */
	static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

	private static final IntOrString DEFAULT_FENCEPOST = new IntOrString("25%");

	private final Deployment d;

	private final ReplicaSets replicaSets;

	private final long now;

	private final Instant wallNow;

	private final String stamp;

	private final long secondNanos;

	private final Progress progress;

	private final Set<DeploymentCondition> fresh = Collections.newSetFromMap(new IdentityHashMap<>());

	private long revision;

	/**
	 * A sync.
	 * @param listed the Deployment as listed (not changed: the sync works on a copy)
	 * @param replicaSets its ReplicaSets
	 * @param now {@link System#nanoTime()}
	 * @param wallNow the time on the wall, for the conditions' timestamps
	 * @param second how long a second of the spec lasts
	 * @param progress when the Progressing condition's last update was, precisely
	 */
	DeploymentSync(Deployment listed, ReplicaSets replicaSets, long now, Instant wallNow, Duration second,
			Progress progress) {
		this.d = new DeploymentBuilder(listed).build();
		if (this.d.getStatus() == null) {
			this.d.setStatus(new DeploymentStatus());
		}
		this.replicaSets = replicaSets;
		this.now = now;
		this.wallNow = wallNow;
		this.stamp = wallNow.truncatedTo(ChronoUnit.SECONDS).toString();
		this.secondNanos = second.toNanos();
		this.progress = progress;
	}

	/**
	 * {@code syncDeployment}: what the controller does with the Deployment now.
	 * @return the status it should have
	 */
	DeploymentStatus sync() {
		checkPausedConditions();
		if (Boolean.TRUE.equals(this.d.getSpec().getPaused()) || isScalingEvent()) {
			return syncScaling();
		}
		return isRecreate() ? rolloutRecreate() : rolloutRolling();
	}

	/**
	 * The revision of the new ReplicaSet, which the real controller copies to the
	 * Deployment's {@code deployment.kubernetes.io/revision} annotation.
	 * @return the revision, 0 if there is no new ReplicaSet (yet)
	 */
	long revision() {
		return this.revision;
	}

	/**
	 * Remembers precisely when a Progressing condition this sync made was last updated,
	 * once its status is written (the condition's timestamp has whole seconds).
	 * @param written the status written
	 */
	void written(DeploymentStatus written) {
		DeploymentCondition condition = condition(written, PROGRESSING);
		if (condition != null && this.fresh.contains(condition)) {
			this.progress.stamp = condition.getLastUpdateTime();
			this.progress.nanos = this.now;
		}
	}

	// --- sync.go

	private void checkPausedConditions() {
		if (!hasProgressDeadline()) {
			return;
		}
		DeploymentCondition condition = condition(this.d.getStatus(), PROGRESSING);
		if (condition != null && TIMED_OUT.equals(condition.getReason())) {
			return;
		}
		boolean pausedCondition = condition != null && PAUSED.equals(condition.getReason());
		boolean paused = Boolean.TRUE.equals(this.d.getSpec().getPaused());
		if (paused && !pausedCondition) {
			set(this.d.getStatus(), newCondition(PROGRESSING, "Unknown", PAUSED, "Deployment is paused"));
		}
		else if (!paused && pausedCondition) {
			set(this.d.getStatus(), newCondition(PROGRESSING, "Unknown", RESUMED, "Deployment is resumed"));
		}
	}

	private boolean isScalingEvent() {
		Owned newRs = syncRevision(false);
		for (Owned rs : active(all(newRs))) {
			if (rs.desiredAnnotation >= 0 && rs.desiredAnnotation != replicas()) {
				return true;
			}
		}
		return false;
	}

	/** {@code sync}: scales on a scaling event, or while paused; no rollout step. */
	private DeploymentStatus syncScaling() {
		Owned newRs = syncRevision(false);
		scale(newRs, old(newRs));
		if (Boolean.TRUE.equals(this.d.getSpec().getPaused())) {
			cleanup(old(newRs));
		}
		return calculateStatus(all(newRs), newRs);
	}

	/**
	 * {@code getAllReplicaSetsAndSyncRevision} and {@code getNewReplicaSet}: the new
	 * ReplicaSet, its revision brought above the old ones' (a rollback: the old revision
	 * moves to its history), created if asked and new.
	 */
	private Owned syncRevision(boolean create) {
		Owned found = this.replicaSets.of(this.d.getSpec().getTemplate());
		long newRevision = old(found).stream().mapToLong((rs) -> rs.revision).max().orElse(0) + 1;
		if (found != null) {
			if (found.revision < newRevision) {
				if (found.revision > 0) {
					found.revisionHistory.add(found.revision);
				}
				found.revision = newRevision;
			}
			this.revision = found.revision;
			if (hasProgressDeadline() && condition(this.d.getStatus(), PROGRESSING) == null) {
				set(this.d.getStatus(), newCondition(PROGRESSING, "True", FOUND_NEW_RS,
						"Found new replica set \"" + found.name + "\""));
			}
			return found;
		}
		if (!create) {
			return null;
		}
		Owned created = this.replicaSets.create(this.d.getSpec().getTemplate(), newRevision);
		created.desiredAnnotation = replicas();
		created.maxAnnotation = replicas() + maxSurge();
		created.scale(newReplicas(created));
		this.revision = newRevision;
		if (hasProgressDeadline()) {
			set(this.d.getStatus(), newCondition(PROGRESSING, "True", NEW_RS_CREATED,
					"Created new replica set \"" + created.name + "\""));
		}
		return created;
	}

	/**
	 * {@code scale}: the replicas of a scaling event, proportionally during a rollout.
	 */
	private void scale(Owned newRs, List<Owned> oldRs) {
		Owned activeOrLatest = activeOrLatest(newRs, oldRs);
		if (activeOrLatest != null) {
			if (activeOrLatest.replicas != replicas()) {
				scaleAndRecord(activeOrLatest, replicas());
			}
			return;
		}
		if (isSaturated(newRs)) {
			active(oldRs).forEach((rs) -> scaleAndRecord(rs, 0));
			return;
		}
		if (!isRolling()) {
			return;
		}
		List<Owned> all = active(all(newRs));
		int allowed = (replicas() > 0) ? replicas() + maxSurge() : 0;
		int toAdd = allowed - sum(all);
		Comparator<Owned> bySize = Comparator.comparingInt((Owned rs) -> rs.replicas).reversed();
		if (toAdd > 0) {
			all.sort(bySize.thenComparing(Owned.BY_CREATION.reversed()));
		}
		else if (toAdd < 0) {
			all.sort(bySize.thenComparing(Owned.BY_CREATION));
		}
		int added = 0;
		int[] sizes = new int[all.size()];
		for (int i = 0; i < all.size(); i++) {
			int proportion = (toAdd != 0) ? proportion(all.get(i), toAdd, added) : 0;
			sizes[i] = all.get(i).replicas + proportion;
			added += proportion;
		}
		for (int i = 0; i < all.size(); i++) {
			if (i == 0 && toAdd != 0) {
				// the leftovers go to the largest
				sizes[i] = Math.max(0, sizes[i] + toAdd - added);
			}
			scaleReplicaSet(all.get(i), sizes[i]);
		}
	}

	private int proportion(Owned rs, int toAdd, int added) {
		if (rs.replicas == 0 || toAdd == 0 || toAdd == added) {
			return 0;
		}
		int fraction = fraction(rs);
		int allowed = toAdd - added;
		return (toAdd > 0) ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
	}

	private int fraction(Owned rs) {
		if (replicas() == 0) {
			return -rs.replicas;
		}
		int maxReplicas = replicas() + maxSurge();
		int before = rs.maxAnnotation;
		if (before <= 0) {
			before = orZero(this.d.getStatus().getReplicas());
			if (before == 0) {
				return 0;
			}
		}
		double size = (double) rs.replicas * maxReplicas / before;
		return (int) Math.floor(size + 0.5) - rs.replicas;
	}

	private Owned activeOrLatest(Owned newRs, List<Owned> oldRs) {
		if (newRs == null && oldRs.isEmpty()) {
			return null;
		}
		List<Owned> newestFirst = new ArrayList<>(oldRs);
		newestFirst.sort(Owned.BY_CREATION.reversed());
		List<Owned> candidates = new ArrayList<>(newestFirst);
		if (newRs != null) {
			candidates.add(newRs);
		}
		List<Owned> active = active(candidates);
		if (active.isEmpty()) {
			return (newRs != null) ? newRs : newestFirst.get(0);
		}
		return (active.size() == 1) ? active.get(0) : null;
	}

	private boolean isSaturated(Owned rs) {
		return rs != null && rs.replicas == replicas() && rs.desiredAnnotation == replicas()
				&& rs.available == replicas();
	}

	/** {@code cleanupDeployment}: old ReplicaSets of no pods beyond the history limit. */
	private void cleanup(List<Owned> oldRs) {
		int limit = Objects.requireNonNullElse(this.d.getSpec().getRevisionHistoryLimit(),
				DEFAULT_REVISION_HISTORY_LIMIT);
		int diff = oldRs.size() - limit;
		if (diff <= 0) {
			return;
		}
		List<Owned> byRevision = new ArrayList<>(oldRs);
		byRevision.sort(Comparator.comparingLong((Owned rs) -> rs.revision));
		for (int i = 0; i < diff; i++) {
			Owned rs = byRevision.get(i);
			if (rs.replicas == 0 && rs.pods.isEmpty()) {
				this.replicaSets.delete(rs);
			}
		}
	}

	// --- rolling.go

	private DeploymentStatus rolloutRolling() {
		Owned newRs = syncRevision(true);
		List<Owned> oldRs = old(newRs);
		List<Owned> all = all(newRs);
		if (reconcileNewReplicaSet(all, newRs)) {
			return syncRolloutStatus(all, newRs);
		}
		if (reconcileOldReplicaSets(all, active(oldRs), newRs)) {
			return syncRolloutStatus(all, newRs);
		}
		if (isComplete(this.d.getStatus())) {
			cleanup(oldRs);
		}
		return syncRolloutStatus(all(newRs), newRs);
	}

	private boolean reconcileNewReplicaSet(List<Owned> all, Owned newRs) {
		if (newRs.replicas == replicas()) {
			return false;
		}
		if (newRs.replicas > replicas()) {
			return scaleAndRecord(newRs, replicas());
		}
		return scaleAndRecord(newRs, newReplicas(newRs));
	}

	private boolean reconcileOldReplicaSets(List<Owned> all, List<Owned> oldRs, Owned newRs) {
		if (sum(oldRs) == 0) {
			return false;
		}
		int minAvailable = replicas() - maxUnavailable();
		int newUnavailable = newRs.replicas - newRs.available;
		int maxScaledDown = sum(all) - minAvailable - newUnavailable;
		if (maxScaledDown <= 0) {
			return false;
		}
		List<Owned> oldest = new ArrayList<>(oldRs);
		oldest.sort(Owned.BY_CREATION);
		int cleaned = cleanupUnhealthyReplicas(oldest, maxScaledDown);
		int scaledDown = scaleDownOldReplicaSetsForRollingUpdate(all, oldest);
		return cleaned + scaledDown > 0;
	}

	private int cleanupUnhealthyReplicas(List<Owned> oldest, int maxCleanup) {
		int total = 0;
		for (Owned rs : oldest) {
			if (total >= maxCleanup) {
				break;
			}
			if (rs.replicas == 0 || rs.replicas == rs.available) {
				continue;
			}
			int count = Math.min(maxCleanup - total, rs.replicas - rs.available);
			scaleAndRecord(rs, rs.replicas - count);
			total += count;
		}
		return total;
	}

	private int scaleDownOldReplicaSetsForRollingUpdate(List<Owned> all, List<Owned> oldest) {
		int minAvailable = replicas() - maxUnavailable();
		int available = all.stream().mapToInt((rs) -> rs.available).sum();
		if (available <= minAvailable) {
			return 0;
		}
		int toScaleDown = available - minAvailable;
		int total = 0;
		for (Owned rs : oldest) {
			if (total >= toScaleDown) {
				break;
			}
			if (rs.replicas == 0) {
				continue;
			}
			int count = Math.min(rs.replicas, toScaleDown - total);
			scaleAndRecord(rs, rs.replicas - count);
			total += count;
		}
		return total;
	}

	// --- recreate.go

	private DeploymentStatus rolloutRecreate() {
		Owned newRs = syncRevision(false);
		List<Owned> oldRs = old(newRs);
		boolean scaledDown = false;
		for (Owned rs : active(oldRs)) {
			scaledDown |= scaleAndRecord(rs, 0);
		}
		if (scaledDown || oldRs.stream().anyMatch((rs) -> !rs.pods.isEmpty())) {
			return syncRolloutStatus(all(newRs), newRs);
		}
		if (newRs == null) {
			newRs = syncRevision(true);
		}
		scaleAndRecord(newRs, replicas());
		if (isComplete(this.d.getStatus())) {
			cleanup(old(newRs));
		}
		return syncRolloutStatus(all(newRs), newRs);
	}

	// --- scaling a ReplicaSet

	private boolean scaleAndRecord(Owned rs, int replicas) {
		return rs.replicas != replicas && scaleReplicaSet(rs, replicas);
	}

	private boolean scaleReplicaSet(Owned rs, int replicas) {
		boolean size = rs.replicas != replicas;
		boolean annotations = rs.desiredAnnotation != replicas() || rs.maxAnnotation != replicas() + maxSurge();
		if (size || annotations) {
			rs.desiredAnnotation = replicas();
			rs.maxAnnotation = replicas() + maxSurge();
			rs.scale(replicas);
		}
		return size;
	}

	/** {@code NewRSNewReplicas}: how far the new ReplicaSet may be scaled up now. */
	private int newReplicas(Owned newRs) {
		if (!isRolling()) {
			return replicas();
		}
		int maxTotal = replicas() + maxSurge();
		int current = sum(all(newRs));
		if (current >= maxTotal) {
			return newRs.replicas;
		}
		return newRs.replicas + Math.min(maxTotal - current, replicas() - newRs.replicas);
	}

	// --- progress.go and the status

	private DeploymentStatus calculateStatus(List<Owned> all, Owned newRs) {
		int available = all.stream().mapToInt((rs) -> rs.available).sum();
		int unavailable = Math.max(0, sum(all) - available);
		DeploymentStatus status = new DeploymentStatus();
		status.setObservedGeneration(generation());
		status.setReplicas(ReplicaSets.orNull(all.stream().mapToInt((rs) -> rs.pods.size()).sum()));
		status.setUpdatedReplicas(ReplicaSets.orNull((newRs != null) ? newRs.pods.size() : 0));
		status.setReadyReplicas(ReplicaSets.orNull(all.stream().mapToInt((rs) -> rs.ready).sum()));
		status.setAvailableReplicas(ReplicaSets.orNull(available));
		status.setUnavailableReplicas(ReplicaSets.orNull(unavailable));
		status.setCollisionCount(this.d.getStatus().getCollisionCount());
		status
			.setConditions(new ArrayList<>(Objects.requireNonNullElse(this.d.getStatus().getConditions(), List.of())));
		if (available >= replicas() - maxUnavailable()) {
			set(status, newCondition(AVAILABLE, "True", MIN_AVAILABLE, "Deployment has minimum availability."));
		}
		else {
			set(status, newCondition(AVAILABLE, "False", MIN_UNAVAILABLE,
					"Deployment does not have minimum availability."));
		}
		return status;
	}

	private DeploymentStatus syncRolloutStatus(List<Owned> all, Owned newRs) {
		DeploymentStatus status = calculateStatus(all, newRs);
		if (!hasProgressDeadline()) {
			remove(status, PROGRESSING);
			return status;
		}
		DeploymentCondition current = condition(this.d.getStatus(), PROGRESSING);
		boolean complete = Objects.equals(status.getReplicas(), status.getUpdatedReplicas()) && current != null
				&& NEW_RS_AVAILABLE.equals(current.getReason());
		if (complete) {
			return status;
		}
		String subject = (newRs != null) ? "ReplicaSet \"" + newRs.name + "\""
				: "Deployment \"" + this.d.getMetadata().getName() + "\"";
		if (isComplete(status)) {
			set(status, newCondition(PROGRESSING, "True", NEW_RS_AVAILABLE, subject + " has successfully progressed."));
		}
		else if (isProgressing(status)) {
			DeploymentCondition condition = newCondition(PROGRESSING, "True", RS_UPDATED, subject + " is progressing.");
			if (current != null) {
				if ("True".equals(current.getStatus())) {
					condition.setLastTransitionTime(current.getLastTransitionTime());
				}
				remove(status, PROGRESSING);
			}
			set(status, condition);
		}
		else if (isTimedOut(status)) {
			set(status, newCondition(PROGRESSING, "False", TIMED_OUT, subject + " has timed out progressing."));
		}
		return status;
	}

	/** {@code DeploymentComplete}. */
	private boolean isComplete(DeploymentStatus status) {
		return orZero(status.getUpdatedReplicas()) == replicas() && orZero(status.getReplicas()) == replicas()
				&& orZero(status.getAvailableReplicas()) == replicas()
				&& Objects.requireNonNullElse(status.getObservedGeneration(), 0L) >= generation();
	}

	/** {@code DeploymentProgressing}: any progress since the status as it was. */
	private boolean isProgressing(DeploymentStatus status) {
		DeploymentStatus old = this.d.getStatus();
		int oldOld = orZero(old.getReplicas()) - orZero(old.getUpdatedReplicas());
		int newOld = orZero(status.getReplicas()) - orZero(status.getUpdatedReplicas());
		return orZero(status.getUpdatedReplicas()) > orZero(old.getUpdatedReplicas()) || newOld < oldOld
				|| orZero(status.getReadyReplicas()) > orZero(old.getReadyReplicas())
				|| orZero(status.getAvailableReplicas()) > orZero(old.getAvailableReplicas());
	}

	/** {@code DeploymentTimedOut}. */
	private boolean isTimedOut(DeploymentStatus status) {
		DeploymentCondition condition = condition(status, PROGRESSING);
		if (condition == null || NEW_RS_AVAILABLE.equals(condition.getReason())) {
			return false;
		}
		if (TIMED_OUT.equals(condition.getReason())) {
			return true;
		}
		long deadline = (long) progressDeadlineSeconds() * this.secondNanos;
		return this.now - lastUpdateNanos(condition) > deadline;
	}

	private long lastUpdateNanos(DeploymentCondition condition) {
		if (condition.getLastUpdateTime() != null && condition.getLastUpdateTime().equals(this.progress.stamp)) {
			return this.progress.nanos;
		}
		try {
			Instant updated = Instant.parse(condition.getLastUpdateTime());
			return this.now - Duration.between(updated, this.wallNow).toNanos();
		}
		catch (DateTimeParseException | NullPointerException ex) {
			return this.now;
		}
	}

	// --- conditions (SetDeploymentCondition and friends)

	private DeploymentCondition newCondition(String type, String status, String reason, String message) {
		DeploymentCondition condition = new DeploymentConditionBuilder().withType(type)
			.withStatus(status)
			.withReason(reason)
			.withMessage(message)
			.withLastUpdateTime(this.stamp)
			.withLastTransitionTime(this.stamp)
			.build();
		this.fresh.add(condition);
		return condition;
	}

	static DeploymentCondition condition(DeploymentStatus status, String type) {
		return Objects.requireNonNullElse(status.getConditions(), List.<DeploymentCondition>of())
			.stream()
			.filter((c) -> type.equals(c.getType()))
			.findFirst()
			.orElse(null);
	}

	private static void set(DeploymentStatus status, DeploymentCondition condition) {
		DeploymentCondition current = condition(status, condition.getType());
		if (current != null && Objects.equals(current.getStatus(), condition.getStatus())
				&& Objects.equals(current.getReason(), condition.getReason())) {
			return;
		}
		if (current != null && Objects.equals(current.getStatus(), condition.getStatus())) {
			condition.setLastTransitionTime(current.getLastTransitionTime());
		}
		remove(status, condition.getType());
		status.getConditions().add(condition);
	}

	private static void remove(DeploymentStatus status, String type) {
		List<DeploymentCondition> conditions = new ArrayList<>(
				Objects.requireNonNullElse(status.getConditions(), List.of()));
		conditions.removeIf((c) -> type.equals(c.getType()));
		status.setConditions(conditions);
	}

	// --- the spec, with the API server's defaults

	private int replicas() {
		return Objects.requireNonNullElse(this.d.getSpec().getReplicas(), 1);
	}

	private long generation() {
		return Objects.requireNonNullElse(this.d.getMetadata().getGeneration(), 1L);
	}

	private boolean isRecreate() {
		DeploymentStrategy strategy = this.d.getSpec().getStrategy();
		return strategy != null && "Recreate".equals(strategy.getType());
	}

	private boolean isRolling() {
		return !isRecreate();
	}

	private int progressDeadlineSeconds() {
		return Objects.requireNonNullElse(this.d.getSpec().getProgressDeadlineSeconds(),
				DEFAULT_PROGRESS_DEADLINE_SECONDS);
	}

	private boolean hasProgressDeadline() {
		return progressDeadlineSeconds() != Integer.MAX_VALUE;
	}

	static long minReadyNanos(Deployment deployment, long secondNanos) {
		return Objects.requireNonNullElse(deployment.getSpec().getMinReadySeconds(), 0) * secondNanos;
	}

	/** {@code MaxSurge}. */
	private int maxSurge() {
		return isRolling() ? fenceposts()[0] : 0;
	}

	/** {@code MaxUnavailable}. */
	private int maxUnavailable() {
		if (!isRolling() || replicas() == 0) {
			return 0;
		}
		return Math.min(fenceposts()[1], replicas());
	}

	/** {@code ResolveFenceposts}: surge rounds up, unavailable down, never both 0. */
	private int[] fenceposts() {
		RollingUpdateDeployment rollingUpdate = (this.d.getSpec().getStrategy() != null)
				? this.d.getSpec().getStrategy().getRollingUpdate() : null;
		IntOrString surge = (rollingUpdate != null) ? rollingUpdate.getMaxSurge() : null;
		IntOrString unavailable = (rollingUpdate != null) ? rollingUpdate.getMaxUnavailable() : null;
		int scaledSurge = scaled(Objects.requireNonNullElse(surge, DEFAULT_FENCEPOST), replicas(), true);
		int scaledUnavailable = scaled(Objects.requireNonNullElse(unavailable, DEFAULT_FENCEPOST), replicas(), false);
		if (scaledSurge == 0 && scaledUnavailable == 0) {
			scaledUnavailable = 1;
		}
		return new int[] { scaledSurge, scaledUnavailable };
	}

	/** {@code GetScaledValueFromIntOrPercent}. */
	static int scaled(IntOrString value, int total, boolean roundUp) {
		if (value.getIntVal() != null) {
			return value.getIntVal();
		}
		String text = value.getStrVal().trim();
		if (!text.endsWith("%")) {
			return Integer.parseInt(text);
		}
		double scaled = Integer.parseInt(text.substring(0, text.length() - 1)) * (double) total / 100;
		return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
	}

	// --- lists of ReplicaSets

	private List<Owned> all(Owned newRs) {
		List<Owned> all = old(newRs);
		if (newRs != null) {
			all.add(newRs);
		}
		return all;
	}

	private List<Owned> old(Owned newRs) {
		List<Owned> old = this.replicaSets.all();
		old.remove(newRs);
		return old;
	}

	private static List<Owned> active(List<Owned> replicaSets) {
		List<Owned> active = new ArrayList<>(replicaSets);
		active.removeIf((rs) -> rs.replicas == 0);
		return active;
	}

	private static int sum(List<Owned> replicaSets) {
		return replicaSets.stream().mapToInt((rs) -> rs.replicas).sum();
	}

	private static int orZero(Integer value) {
		return (value != null) ? value : 0;
	}

	/**
	 * When the Progressing condition of a Deployment was last updated, to the nanosecond:
	 * its timestamp has whole seconds, too coarse for short deadlines.
	 */
	static final class Progress {

		String stamp;

		long nanos;

	}

}
