package io.tagrelay.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * Figure 4, for one service: time from the JVM's start to the readiness probe answering
 * UP (and Spring Boot's own "process running for" when it logged "Started"), the largest
 * resident set sampled under load, and the peak resident set of its whole life.
 *
 * @param service the service
 * @param ready JVM start to readiness UP
 * @param startedLog Spring Boot's "process running for", in seconds
 * @param rssUnderLoadMib largest VmRSS sampled during its load
 * @param hwmMib VmHWM at the end
 */
record Footprint(String service, Duration ready, Optional<Double> startedLog, long rssUnderLoadMib, long hwmMib) {

	boolean met() {
		return this.ready.toMillis() <= 3000 && this.rssUnderLoadMib <= 256 && this.hwmMib <= 256;
	}

	String part() {
		return String.format("%s ready %.2f s (Spring 'Started' at %s), RSS under load %d MiB, VmHWM %d MiB",
				this.service, this.ready.toMillis() / 1e3,
				this.startedLog.map((s) -> String.format("%.2f s", s)).orElse("?"), this.rssUnderLoadMib, this.hwmMib);
	}

	static String line(Footprint ingest, Footprint worker) {
		return "[4] footprint: " + ingest.part() + "; " + worker.part() + " (goals <= 3 s, <= 256 MiB): "
				+ ((ingest.met() && worker.met()) ? "MET" : "MISSED");
	}

}
