package io.tagrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service spent its CPU, from the execution samples of its JFR recording (what
 * {@code jfr print --events jdk.ExecutionSample} shows, counted): the top frames, and the
 * first frame of tagrelay's own code on each sampled stack.
 */
final class JfrSummary {

	private JfrSummary() {
	}

	static String summarise(Path recording, int top) throws IOException {
		if (!Files.exists(recording)) {
			return "no recording at " + recording;
		}
		Map<String, Integer> topFrames = new HashMap<>();
		Map<String, Integer> ownFrames = new HashMap<>();
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
				continue;
			}
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			if (frames.isEmpty()) {
				continue;
			}
			samples++;
			topFrames.merge(name(frames.get(0)), 1, Integer::sum);
			frames.stream()
				.filter((f) -> f.getMethod().getType().getName().startsWith("io.tagrelay"))
				.findFirst()
				.ifPresent((f) -> ownFrames.merge(name(f), 1, Integer::sum));
		}
		return recording.getFileName() + ": " + samples + " execution samples\n  top frames:\n"
				+ ranked(topFrames, samples, top)
				+ "\n  innermost tagrelay frame of each sample (its own time and the library code it called):\n"
				+ ranked(ownFrames, samples, top);
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static String ranked(Map<String, Integer> counts, int samples, int top) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.map((e) -> String.format("    %5.1f%%  %s", 100.0 * e.getValue() / samples, e.getKey()))
			.collect(Collectors.joining("\n"));
	}

}
