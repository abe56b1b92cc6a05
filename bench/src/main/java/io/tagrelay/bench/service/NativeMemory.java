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
 * {@code -XX:NativeMemoryTracking=summary}), committed KiB by category; and the heap its
 * live objects take, what a full GC leaves of it ({@code jcmd <pid> GC.run}, then
 * {@code GC.heap_info}), which is what {@code -Xmx} must hold.
 *
 * @param committedKib all committed memory
 * @param reservedKib all reserved memory (the most the pools may grow to, roughly)
 * @param categories committed KiB of each category, largest first
 * @param liveHeapKib the heap used after a full GC, or -1 if the JVM did not say
 */
public record NativeMemory(long committedKib, long reservedKib, List<Category> categories, long liveHeapKib) {

	/** The flag that turns tracking on. */
	public static final String FLAG = "-XX:NativeMemoryTracking=summary";

	private static final Pattern TOTAL = Pattern.compile("(?m)^Total: reserved=(\\d+)KB, committed=(\\d+)KB");

	private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\s*\\S[^\\n]*? total \\d+K, used (\\d+)K");

	private static final Pattern CATEGORY = Pattern
		.compile("(?m)^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB[,)]");

	/**
	 * Asks a JVM for its summary.
	 * @param java the {@code java} the JVM runs on (its {@code jcmd} is beside it)
	 * @param pid the JVM's pid
	 * @return the summary
	 * @throws IOException if jcmd fails or prints no summary
	 * @throws InterruptedException if interrupted
	 */
	public static NativeMemory of(Path java, long pid) throws IOException, InterruptedException {
		String summary = jcmd(java, pid, "VM.native_memory", "summary");
		jcmd(java, pid, "GC.run");
		return parse(summary, jcmd(java, pid, "GC.heap_info"));
	}

	private static String jcmd(Path java, long pid, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), Long.toString(pid)));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
			jcmd.destroyForcibly();
		}
		return out;
	}

	// the generations' (or the whole heap's) "total ...K, used ...K" lines of
	// GC.heap_info, summed; the spaces inside a generation are printed otherwise
	static long liveHeapKib(String heapInfo) {
		Matcher used = HEAP_USED.matcher(heapInfo);
		long kib = -1;
		while (used.find()) {
			kib = Math.max(kib, 0) + Long.parseLong(used.group(1));
		}
		return kib;
	}

	static NativeMemory parse(String summary, String heapInfo) throws IOException {
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
		return new NativeMemory(Long.parseLong(total.group(2)), Long.parseLong(total.group(1)), categories,
				liveHeapKib(heapInfo));
	}

	@Override
	public String toString() {
		return "NMT committed " + (this.committedKib / 1024) + " MiB (reserved " + (this.reservedKib / 1024) + "): "
				+ this.categories.stream()
					.filter((c) -> c.committedKib() >= 1024)
					.map(Category::toString)
					.collect(Collectors.joining(", "))
				+ ((this.liveHeapKib >= 0) ? "; heap live after a full GC " + (this.liveHeapKib / 1024) + " MiB" : "");
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
