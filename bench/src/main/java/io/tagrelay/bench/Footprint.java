package io.tagrelay.bench;

import java.time.Duration;
import java.util.Optional;

import io.tagrelay.bench.service.NativeMemory;

/**
 * Figure 4, for one service: its start-up (JVM start to readiness UP, with the two
 * targets of figures 1 and 2), its readiness with every benchmark target, the largest
 * resident set sampled under its load, and the peak resident set of its whole life.
 *
 * @param service the service
 * @param startup the start-up with two targets
 * @param readyWithAllTargets JVM start to readiness UP with every target
 * @param rssUnderLoadMib largest VmRSS sampled during its load
 * @param hwmMib VmHWM at the end
 * @param nativeMemory the JVM's own account after its load, if it tracked it
 */
record Footprint(String service, Bench.Startup startup, Duration readyWithAllTargets, long rssUnderLoadMib, long hwmMib,
		Optional<NativeMemory> nativeMemory) {

	boolean met() {
		return this.startup.ready().toMillis() <= 2000 && this.rssUnderLoadMib <= 256 && this.hwmMib <= 256;
	}

	String part(int targets) {
		return String.format("%s ready %s, with %d targets %.2f s; RSS under load %d MiB, VmHWM %d MiB", this.service,
				this.startup, targets, this.readyWithAllTargets.toMillis() / 1e3, this.rssUnderLoadMib, this.hwmMib)
				+ this.nativeMemory.map((nmt) -> "; " + nmt).orElse("");
	}

	static String line(Footprint ingest, Footprint worker, int targets) {
		return "[4] footprint: " + ingest.part(targets) + " | " + worker.part(targets)
				+ " (goals: ready <= 2 s, RSS <= 256 MiB): " + ((ingest.met() && worker.met()) ? "MET" : "MISSED");
	}

}
