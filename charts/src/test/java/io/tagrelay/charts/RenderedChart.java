package io.tagrelay.charts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests {@code helm template} renders from the chart, parsed, with small
 * navigation helpers for assertions.
 */
final class RenderedChart {

	static final Path CHART = Path.of("tagrelay").toAbsolutePath();

	static final Path MULTI_NAMESPACE_VALUES = Path.of("src/test/resources/multi-namespace-values.yaml")
		.toAbsolutePath();

	static final String NAMESPACE = "tagrelay";

	static final String RELEASE = "relay";

	private final List<Map<String, Object>> documents;

	private RenderedChart(List<Map<String, Object>> documents) {
		this.documents = documents;
	}

	/**
	 * Renders the chart with its default values plus the given ones.
	 * @param valuesFile a values file, or {@code null}
	 * @param sets {@code --set} pairs, in order
	 * @return the rendered manifests
	 */
	static RenderedChart render(Path valuesFile, Map<String, Object> sets) {
		return new RenderedChart(parse(template(valuesFile, sets)));
	}

	static RenderedChart defaults() {
		return render(null, Map.of());
	}

	static RenderedChart multiNamespace() {
		return render(MULTI_NAMESPACE_VALUES, Map.of());
	}

	static RenderedChart with(Map<String, Object> sets) {
		return render(null, sets);
	}

	static String template(Path valuesFile, Map<String, Object> sets) {
		TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
		if (valuesFile != null) {
			command = command.withValuesFile(valuesFile);
		}
		for (Map.Entry<String, Object> set : sets.entrySet()) {
			command = command.set(set.getKey(), set.getValue());
		}
		return command.call();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> parse(String yaml) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	List<Map<String, Object>> all() {
		return this.documents;
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
	}

	Map<String, Object> get(String kind, String name) {
		return this.documents.stream()
			.filter((document) -> kind.equals(document.get("kind")) && name.equals(name(document)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + summary()));
	}

	Map<String, Object> get(String kind, String name, String namespace) {
		return this.documents.stream()
			.filter((document) -> kind.equals(document.get("kind")) && name.equals(name(document))
					&& namespace.equals(at(document, "metadata", "namespace")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + namespace + "/" + name + " in " + summary()));
	}

	List<Map<String, Object>> matching(Predicate<Map<String, Object>> predicate) {
		return this.documents.stream().filter(predicate).toList();
	}

	Map<String, Object> ingest() {
		return get("Deployment", RELEASE + "-tagrelay-ingest");
	}

	Map<String, Object> worker() {
		return get("Deployment", RELEASE + "-tagrelay-worker");
	}

	Map<String, Object> configMap() {
		return get("ConfigMap", RELEASE + "-tagrelay-config");
	}

	/**
	 * One file of the ConfigMap, parsed.
	 * @param file {@code application.yaml}, {@code ingest.yaml} or {@code worker.yaml}
	 * @return its content
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> configFile(String file) {
		String text = (String) at(configMap(), "data", file);
		Object loaded = new Yaml().load(text);
		return (loaded != null) ? (Map<String, Object>) loaded : Map.of();
	}

	/**
	 * The worker's own configuration file from its Secret: the targets with their webhook
	 * URLs.
	 * @return the parsed {@code targets.yaml}
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> workerSecretFile() {
		String text = (String) at(get("Secret", RELEASE + "-tagrelay-worker"), "stringData", "targets.yaml");
		Object loaded = new Yaml().load(text);
		return (loaded != null) ? (Map<String, Object>) loaded : Map.of();
	}

	/**
	 * The worker's Secret file as flat property keys.
	 * @return keys and values
	 */
	Map<String, Object> workerSecretProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		flatten("", workerSecretFile(), properties);
		return properties;
	}

	/**
	 * One file of the ConfigMap as the flat property keys Spring Boot reads from it
	 * ({@code tagrelay.targets[0].repository}).
	 * @param file {@code application.yaml}, {@code ingest.yaml} or {@code worker.yaml}
	 * @return keys and values
	 */
	Map<String, Object> configProperties(String file) {
		Map<String, Object> properties = new LinkedHashMap<>();
		flatten("", configFile(file), properties);
		return properties;
	}

	private static void flatten(String key, Object node, Map<String, Object> properties) {
		if (node instanceof Map<?, ?> map) {
			map.forEach(
					(name, value) -> flatten(key.isEmpty() ? name.toString() : key + "." + name, value, properties));
		}
		else if (node instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(key + "[" + i + "]", list.get(i), properties);
			}
		}
		else {
			properties.put(key, String.valueOf(node));
		}
	}

	List<String> summary() {
		return this.documents.stream().map((document) -> document.get("kind") + "/" + name(document)).toList();
	}

	static String name(Map<String, Object> document) {
		return (String) at(document, "metadata", "name");
	}

	/**
	 * Follows a path of map keys and list indexes.
	 * @param node where to start
	 * @param path keys (String) and indexes (Integer)
	 * @return the value, or {@code null} if the path does not exist
	 */
	@SuppressWarnings("unchecked")
	static Object at(Object node, Object... path) {
		Object current = node;
		for (Object step : path) {
			if (current instanceof Map<?, ?> map) {
				current = map.get(step);
			}
			else if (current instanceof List<?> list && step instanceof Integer index && index < list.size()) {
				current = list.get(index);
			}
			else {
				return null;
			}
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node, Object... path) {
		return (Map<String, Object>) Objects.requireNonNull(at(node, path), () -> "nothing at " + List.of(path));
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object node, Object... path) {
		Object value = at(node, path);
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	static Map<String, Object> podSpec(Map<String, Object> deployment) {
		return map(deployment, "spec", "template", "spec");
	}

	static Map<String, Object> container(Map<String, Object> deployment) {
		return list(podSpec(deployment), "containers").get(0);
	}

	/**
	 * The container's environment as name to entry.
	 * @param deployment a Deployment
	 * @return its first container's env entries by name
	 */
	static Map<String, Map<String, Object>> env(Map<String, Object> deployment) {
		Map<String, Map<String, Object>> env = new LinkedHashMap<>();
		for (Map<String, Object> entry : list(container(deployment), "env")) {
			env.put((String) entry.get("name"), entry);
		}
		return env;
	}

}
