package io.tagrelay.bench.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JVM's own account of a service's memory: Native Memory Tracking's summary
 * ({@code jcmd <pid> VM.native_memory summary}, the service launched with
 * {@code -XX:NativeMemoryTracking=summary}), committed KiB by category.
 *
 * @param committedKib all committed memory
 * @param reservedKib all reserved memory (the most the pools may grow to, roughly)
 * @param categories committed KiB of each category, largest first
 */
public record NativeMemory(long committedKib, long reservedKib, List<Category> categories) {

	/** The flag that turns tracking on. */
	public static final String FLAG = "-XX:NativeMemoryTracking=summary";

	private static final Pattern TOTAL = Pattern.compile("(?m)^Total: reserved=(\\d+)KB, committed=(\\d+)KB");

	private static final Pattern CATEGORY = Pattern
		.compile("(?m)^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

	/**
	 * Asks a JVM for its summary.
	 * @param java the {@code java} the JVM runs on (its {@code jcmd} is beside it)
	 * @param pid the JVM's pid
	 * @return the summary
	 * @throws IOException if jcmd fails or prints no summary
	 * @throws InterruptedException if interrupted
	 */
	public static NativeMemory of(Path java, long pid) throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(pid),
				"VM.native_memory", "summary")
			.redirectErrorStream(true)
			.start();
		String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
			jcmd.destroyForcibly();
		}
		return parse(out);
	}

	static NativeMemory parse(String summary) throws IOException {
		Matcher total = TOTAL.matcher(summary);
		if (!total.find()) {
			throw new IOException("no native memory summary: " + summary.strip());
		}
		List<Category> categories = new ArrayList<>();
		Matcher category = CATEGORY.matcher(summary);
		while (category.find()) {
			categories.add(new Category(category.group(1).trim(), Long.parseLong(category.group(3))));
		}
		categories.sort(Comparator.comparingLong(Category::committedKib).reversed());
		return new NativeMemory(Long.parseLong(total.group(2)), Long.parseLong(total.group(1)), categories);
	}

	@Override
	public String toString() {
		return "NMT committed " + (this.committedKib / 1024) + " MiB (reserved " + (this.reservedKib / 1024) + "): "
				+ this.categories.stream()
					.filter((c) -> c.committedKib() >= 1024)
					.map(Category::toString)
					.collect(Collectors.joining(", "));
	}

	/**
	 * One category.
	 *
	 * @param name e.g. {@code Java Heap}, {@code Class}, {@code Thread}, {@code Code}
	 * @param committedKib its committed KiB
	 */
	public record Category(String name, long committedKib) {

		@Override
		public String toString() {
			return this.name + " " + (this.committedKib / 1024);
		}

	}

}
