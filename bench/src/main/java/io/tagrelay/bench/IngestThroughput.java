package io.tagrelay.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import io.tagrelay.bench.load.ConstantRateLoad;
import io.tagrelay.bench.load.Wrk;
import io.tagrelay.bench.service.BenchService;
import io.tagrelay.bench.service.CpuTime;

/**
 * Figure 1: durably acknowledged Quay pushes per second (every 202 is sent after Kafka's
 * acks=all acknowledgement) against the same server's liveness probe as the ceiling, both
 * under the same closed-loop wrk load; then the pushes' latency in an open-loop run at
 * half the push rate found.
 */
final class IngestThroughput {

	static final String QUAY_PUSH = """
			{"repository":"bench/ingest","namespace":"bench","name":"ingest","docker_url":"%s",\
			"homepage":"https://quay.io/repository/bench/ingest","updated_tags":["1.0.1","latest"]}"""
		.formatted(BenchStack.INGEST_REPOSITORY);

	private static final int OPEN_LOOP_CONNECTIONS = 32;

	private final BenchService ingest;

	private final BenchOptions options;

	private final Wrk wrk;

	private String cpu = "";

	IngestThroughput(BenchService ingest, BenchOptions options, Path root) {
		this.ingest = ingest;
		this.options = options;
		this.wrk = new Wrk(root.resolve("bench/wrk/tagrelay.lua"), options.threads(), options.connections());
	}

	Result run() throws Exception {
		String webhook = this.ingest.url("/webhook");
		// the probe's no-op answer on the management port, where the image serves it
		String liveness = this.ingest.managementUrl("/actuator/health/liveness");
		this.wrk.run(liveness, this.options.warmup(), "get");
		this.wrk.run(webhook, this.options.warmup(), "push", basic(), BenchStack.INGEST_REPOSITORY);
		Cpu before = Cpu.now(this.ingest.pid());
		Wrk.Result ceiling = this.wrk.run(liveness, this.options.duration(), "get");
		Cpu between = Cpu.now(this.ingest.pid());
		Wrk.Result pushes = this.wrk.run(webhook, this.options.duration(), "push", basic(),
				BenchStack.INGEST_REPOSITORY);
		Cpu after = Cpu.now(this.ingest.pid());
		this.cpu = String.format(
				"CPU per request (us): liveness: ingest %.0f, harness %.0f, machine %.0f; "
						+ "push: ingest %.0f, harness (Kafka broker) %.0f, machine %.0f",
				(between.ingest() - before.ingest()) * 1000 / ceiling.requests(),
				(between.harness() - before.harness()) * 1000 / ceiling.requests(),
				(between.machine() - before.machine()) * 1000 / ceiling.requests(),
				(after.ingest() - between.ingest()) * 1000 / pushes.requests(),
				(after.harness() - between.harness()) * 1000 / pushes.requests(),
				(after.machine() - between.machine()) * 1000 / pushes.requests());
		int port = this.ingest.port();
		byte[] push = ConstantRateLoad.request("POST", "/webhook", port,
				List.of("Content-Type: application/json", "Authorization: Basic " + basic()), QUAY_PUSH);
		ConstantRateLoad.Result half = new ConstantRateLoad(port, push, pushes.rate() / 2, this.options.rateDuration(),
				OPEN_LOOP_CONNECTIONS)
			.run();
		// the same open-loop client against liveness at the same rate: what the client
		// and
		// the machine add by themselves
		int management = this.ingest.managementPort();
		byte[] probe = ConstantRateLoad.request("GET", "/actuator/health/liveness", management, List.of(), null);
		ConstantRateLoad.Result control = new ConstantRateLoad(management, probe, pushes.rate() / 2,
				this.options.rateDuration(), OPEN_LOOP_CONNECTIONS)
			.run();
		return new Result(ceiling, pushes, half, control);
	}

	/**
	 * Where the CPU of the two wrk runs went, per request.
	 * @return a line for the summary
	 */
	String cpu() {
		return this.cpu;
	}

	private record Cpu(double ingest, double harness, double machine) {

		static Cpu now(long ingestPid) {
			return new Cpu(CpuTime.processMillis(ingestPid), CpuTime.processMillis(ProcessHandle.current().pid()),
					CpuTime.machineMillis());
		}

	}

	static String basic() {
		return Base64.getEncoder().encodeToString(("relay:" + BenchStack.TOKEN).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Figure 1's numbers.
	 *
	 * @param ceiling wrk against liveness
	 * @param pushes wrk against the webhook
	 * @param half the open-loop run at half the push rate
	 * @param control the same open-loop run against liveness
	 */
	record Result(Wrk.Result ceiling, Wrk.Result pushes, ConstantRateLoad.Result half,
			ConstantRateLoad.Result control) {

		double ratio() {
			return this.pushes.rate() / this.ceiling.rate();
		}

		boolean met() {
			return ratio() >= 0.6 && this.half.latencies().millis(99) <= 25 && this.pushes.non2xx() == 0
					&& this.pushes.socketErrors() == 0 && this.half.non2xx() == 0 && this.half.failures() == 0;
		}

		String line(BenchOptions options) {
			return String.format(
					"[1] ingest throughput: %.0f acknowledged pushes/s vs %.0f liveness/s = ratio %.2f (goal >= 0.60); "
							+ "closed loop (wrk -t%d -c%d): p50 %.1f ms, p99 %.1f ms, non-2xx %d, socket errors %d; "
							+ "open loop at %.0f/s (half max, %d requests): p50 %.1f ms, p99 %.1f ms (goal <= 25), non-2xx %d, failed %d "
							+ "(same client against liveness: p50 %.1f ms, p99 %.1f ms): %s",
					this.pushes.rate(), this.ceiling.rate(), ratio(), options.threads(), options.connections(),
					this.pushes.p50Millis(), this.pushes.p99Millis(), this.pushes.non2xx(), this.pushes.socketErrors(),
					this.half.ratePerSecond(), this.half.requests(), this.half.latencies().millis(50),
					this.half.latencies().millis(99), this.half.non2xx(), this.half.failures(),
					this.control.latencies().millis(50), this.control.latencies().millis(99), met() ? "MET" : "MISSED");
		}

	}

}
