package io.tagrelay.bench.service;

import java.util.Arrays;
import java.util.List;

/**
 * How a service's JVM is launched: on which Java runtime, with or without its JVM options
 * file ({@code charts/tagrelay/jvm/<module>.options}) and with which start-up cache.
 * {@link #IMAGE} is how docker/Dockerfile's image launches it; the others are what it is
 * compared with.
 */
public enum Launch {

	/**
	 * As the image: its Java runtime, the options file, the extracted jar, and the AOT
	 * cache trained first as the Dockerfile's training stage trains it.
	 */
	IMAGE("image", Runtime.IMAGE, true, Cache.AOT),

	/** The image's runtime and options file, without the AOT cache. */
	IMAGE_NO_CACHE("image-no-aot", Runtime.IMAGE, true, Cache.NONE),

	/**
	 * Java 17 (the harness's runtime, the build's release) with the same options file;
	 * what Java 17 does not know of it (compact object headers) is ignored.
	 */
	JAVA17("java17", Runtime.HARNESS, true, Cache.NONE),

	/** Java 17, the options file, and a Class Data Sharing archive trained first. */
	JAVA17_CDS("java17-cds", Runtime.HARNESS, true, Cache.CDS),

	/** Java 17 and no flags at all: {@code java -jar}, as a user runs the jar. */
	JAVA17_DEFAULTS("java17-defaults", Runtime.HARNESS, false, Cache.NONE);

	private final String flag;

	private final Runtime runtime;

	private final boolean optionsFile;

	private final Cache cache;

	Launch(String flag, Runtime runtime, boolean optionsFile, Cache cache) {
		this.flag = flag;
		this.runtime = runtime;
		this.optionsFile = optionsFile;
		this.cache = cache;
	}

	/**
	 * The launch a {@code bench/run} flag names.
	 * @param flag e.g. {@code image} or {@code java17}
	 * @return the launch
	 * @throws IllegalArgumentException if there is none of that name
	 */
	public static Launch of(String flag) {
		return Arrays.stream(values())
			.filter((launch) -> launch.flag.equals(flag))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"unknown launch '" + flag + "'; one of " + Arrays.stream(values()).map(Launch::toString).toList()));
	}

	/**
	 * Launches a flag names, comma-separated.
	 * @param flags e.g. {@code image,java17}
	 * @return the launches
	 */
	public static List<Launch> list(String flags) {
		return Arrays.stream(flags.split(",")).map(String::trim).filter((f) -> !f.isEmpty()).map(Launch::of).toList();
	}

	Runtime runtime() {
		return this.runtime;
	}

	boolean optionsFile() {
		return this.optionsFile;
	}

	Cache cache() {
		return this.cache;
	}

	@Override
	public String toString() {
		return this.flag;
	}

	/** Which Java runtime. */
	enum Runtime {

		/** The image's ({@code --image-java}). */
		IMAGE,

		/** The harness's own ({@code java} on the PATH, Java 17). */
		HARNESS

	}

	/** Which start-up cache. */
	enum Cache {

		/** None. */
		NONE,

		/**
		 * JEP 483/514's AOT cache ({@code -XX:AOTCacheOutput}, then
		 * {@code -XX:AOTCache}).
		 */
		AOT,

		/**
		 * A dynamic CDS archive ({@code -XX:ArchiveClassesAtExit}, then
		 * {@code -XX:SharedArchiveFile}).
		 */
		CDS

	}

}
