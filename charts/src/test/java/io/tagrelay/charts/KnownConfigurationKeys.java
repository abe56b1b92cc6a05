package io.tagrelay.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code tagrelay.*} and {@code uk.*} property names the services bind, so that a
 * test can prove every key and environment variable the chart sets reaches a property.
 * <p>
 * For each service the names come from its
 * {@code target/classes/META-INF/spring-configuration-metadata.json} (written by
 * {@code spring-boot-configuration-processor}) when it has been built, else from the keys
 * listed in {@code docs/contracts.md}. A list of records (such as
 * {@code tagrelay.targets}, a {@code List<Target>}) is expanded from the record's
 * components, as Boot binds it.
 */
final class KnownConfigurationKeys {

	static final List<String> SERVICES = List.of("ingest-service", "deploy-worker");

	static final String METADATA = "target/classes/META-INF/spring-configuration-metadata.json";

	private static final Pattern KEY = Pattern.compile("`((?:tagrelay|uk)\\.[a-z0-9.\\-]+(?:\\[n])?)`");

	private static final Pattern CLASS = Pattern.compile("`(io\\.tagrelay\\.[A-Za-z0-9_.]+)`");

	private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

	private static final Pattern ENV_INDEX = Pattern.compile("_\\d+(?=_|$)");

	/** Exact keys, with {@code [*]} for a list index. */
	private final Set<String> keys = new TreeSet<>();

	/** Keys under which any sub-key binds (maps). */
	private final Set<String> openPrefixes = new TreeSet<>();

	private final Map<String, String> sources = new LinkedHashMap<>();

	/**
	 * Loads the names of both services from a checkout.
	 * @param root the repository root
	 * @return the known keys
	 */
	static KnownConfigurationKeys load(Path root) {
		KnownConfigurationKeys known = new KnownConfigurationKeys();
		for (String service : SERVICES) {
			Path metadata = root.resolve(service).resolve(METADATA);
			if (Files.isRegularFile(metadata)) {
				known.addMetadata(read(metadata));
				known.sources.put(service, root.relativize(metadata).toString());
			}
			else {
				known.addContracts(read(root.resolve("docs/contracts.md")));
				known.sources.put(service, "docs/contracts.md (no configuration metadata built yet)");
			}
		}
		return known;
	}

	/**
	 * Where the names of each service came from.
	 * @return service to source
	 */
	Map<String, String> sources() {
		return this.sources;
	}

	/**
	 * Whether a property key binds, e.g. {@code tagrelay.targets[2].tag-policy.range}.
	 * @param key a key in canonical (dashed) form
	 * @return true if known
	 */
	boolean isKnownKey(String key) {
		String pattern = INDEX.matcher(key).replaceAll("[*]");
		if (this.keys.contains(pattern)) {
			return true;
		}
		return this.openPrefixes.stream().anyMatch((prefix) -> pattern.startsWith(prefix + "."));
	}

	/**
	 * Whether an environment variable binds to a known key, by Spring Boot's relaxed
	 * rules ({@code TAGRELAY_INGEST_MAXBODYSIZE} for
	 * {@code tagrelay.ingest.max-body-size}, {@code TAGRELAY_TARGETS_0_DEPLOYMENT} for
	 * {@code tagrelay.targets[0].deployment}).
	 * @param name the variable
	 * @return true if known
	 */
	boolean isKnownEnvironmentVariable(String name) {
		String pattern = ENV_INDEX.matcher(name).replaceAll("_*");
		if (this.keys.stream().map(KnownConfigurationKeys::environmentForm).anyMatch(pattern::equals)) {
			return true;
		}
		return this.openPrefixes.stream().anyMatch((prefix) -> pattern.startsWith(environmentForm(prefix) + "_"));
	}

	Set<String> keys() {
		return this.keys;
	}

	static String environmentForm(String key) {
		return key.replace("[*]", "_*").replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	private void addMetadata(String json) {
		JsonNode root = JsonMapper.builder().build().readTree(json);
		for (JsonNode property : root.path("properties")) {
			String name = property.path("name").asString();
			String type = property.path("type").asString("");
			if (name.startsWith("tagrelay.") || name.startsWith("uk.")) {
				addTyped(name, type);
			}
		}
	}

	private void addTyped(String name, String type) {
		if (type.startsWith("java.util.Map<")) {
			this.openPrefixes.add(name);
			return;
		}
		this.keys.add(name);
		Matcher list = Pattern.compile("java\\.util\\.(?:List|Set|Collection)<(.+)>").matcher(type);
		if (list.matches()) {
			this.keys.add(name + "[*]");
			Class<?> element = loadOrNull(list.group(1));
			if (element != null && element.isRecord()) {
				addRecord(name + "[*]", element);
			}
		}
	}

	private void addContracts(String markdown) {
		for (String line : markdown.split("\n")) {
			// in the topics table only the first column names a property; the second
			// holds
			// default topic names, which look like keys but are not
			String text = line.startsWith("|") ? firstCell(line) : line;
			Matcher key = KEY.matcher(text);
			Matcher type = CLASS.matcher(line);
			Class<?> bound = type.find() ? loadOrNull(type.group(1)) : null;
			while (key.find()) {
				String name = key.group(1);
				if (name.endsWith("[n]")) {
					String list = name.substring(0, name.length() - 3);
					this.keys.add(list);
					this.keys.add(list + "[*]");
					if (bound != null && bound.isRecord()) {
						addRecord(list + "[*]", bound);
					}
				}
				else {
					this.keys.add(name);
				}
			}
		}
	}

	private void addRecord(String prefix, Class<?> type) {
		for (RecordComponent component : type.getRecordComponents()) {
			String key = prefix + "." + dashed(component.getName());
			Class<?> componentType = component.getType();
			if (componentType.isRecord() && componentType.getPackageName().startsWith("io.tagrelay")) {
				addRecord(key, componentType);
			}
			else if (Map.class.isAssignableFrom(componentType)) {
				this.openPrefixes.add(key);
			}
			else {
				this.keys.add(key);
				if (List.class.isAssignableFrom(componentType)) {
					this.keys.add(key + "[*]");
					Type generic = component.getGenericType();
					if (generic instanceof ParameterizedType parameterized
							&& parameterized.getActualTypeArguments()[0] instanceof Class<?> element
							&& element.isRecord()) {
						addRecord(key + "[*]", element);
					}
				}
			}
		}
	}

	static String dashed(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	/**
	 * Flattens the {@code tagrelay} and {@code uk} trees of a parsed YAML configuration
	 * into keys, as Boot reads them ({@code tagrelay.targets[0].rollout.max-attempts}).
	 * @param configuration a parsed YAML document
	 * @return the keys of its leaves
	 */
	static Set<String> flatten(Map<String, Object> configuration) {
		Set<String> keys = new LinkedHashSet<>();
		for (String root : List.of("tagrelay", "uk")) {
			if (configuration.containsKey(root)) {
				flatten(root, configuration.get(root), keys);
			}
		}
		return keys;
	}

	private static void flatten(String prefix, Object node, Set<String> keys) {
		if (node instanceof Map<?, ?> map && !map.isEmpty()) {
			map.forEach((key, value) -> flatten(prefix + "." + key, value, keys));
		}
		else if (node instanceof List<?> list && list.stream().anyMatch((item) -> item instanceof Map)) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), keys);
			}
		}
		else {
			keys.add(prefix);
		}
	}

	private static String firstCell(String tableRow) {
		String[] cells = tableRow.split("\\|");
		return (cells.length > 1) ? cells[1] : "";
	}

	private static Class<?> loadOrNull(String className) {
		try {
			return Class.forName(className.trim());
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> unknown(Iterable<String> names, java.util.function.Predicate<String> known) {
		List<String> unknown = new ArrayList<>();
		names.forEach((name) -> {
			if (!known.test(name)) {
				unknown.add(name);
			}
		});
		return unknown;
	}

}
