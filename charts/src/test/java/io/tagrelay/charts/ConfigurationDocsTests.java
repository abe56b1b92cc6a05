package io.tagrelay.charts;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.MapPropertySource;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The README's configuration tables say what the services really do: every key in them is
 * a real property (in the configuration metadata that
 * {@code spring-boot-configuration-processor} writes from the
 * {@code @ConfigurationProperties} records), every {@code tagrelay.*}/{@code uk.*}
 * property is in them, and every default they give is the one the record applies when the
 * key is not set. So the tables cannot drift from the code again.
 */
class ConfigurationDocsTests {

	static final Path README = Path.of("..", "README.md");

	/** The least a configuration needs to bind: a token and a target. */
	static final Map<String, Object> REQUIRED = Map.of("tagrelay.ingest.tokens", "s3cret",
			"tagrelay.targets[0].repository", "quay.io/acme/web", "tagrelay.targets[0].deployment", "web");

	static final Pattern ROW = Pattern.compile("^\\|\\s*`((?:tagrelay|uk)\\.[^`]+)`[^|]*\\|([^|]*)\\|.*$");

	static final Pattern LITERAL = Pattern.compile("^`([^`]*)`");

	/** The metadata, read once for every row. */
	private static Map<String, JsonNode> metadata;

	static List<Row> rows() throws IOException {
		String readme = Files.readString(README);
		String section = readme.substring(readme.indexOf("\n## Configuration"));
		section = section.substring(0, section.indexOf("\n## ", 1));
		List<Row> rows = new ArrayList<>();
		for (String line : section.split("\n")) {
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				rows.add(new Row(row.group(1), row.group(2).trim()));
			}
		}
		return rows;
	}

	@Test
	void everyPropertyOfTheServicesIsInTheTables() throws IOException {
		Set<String> documented = new TreeSet<>();
		rows().forEach((row) -> documented.add(row.key().replaceAll("\\[n\\].*", "")));
		assertThat(documented).containsAll(metadata().keySet());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void everyKeyInTheTablesIsAProperty(Row row) throws IOException {
		String key = row.key().replaceAll("\\[n\\].*", "");
		assertThat(metadata()).containsKey(key);
		assertThat(Navigation.to(row.key())).as("the records have %s", row.key()).isNotNull();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("rows")
	void everyDefaultInTheTablesIsTheDefaultOfTheRecords(Row row) throws IOException {
		if (row.isRequired()) {
			assertThatException().as("binding without %s", row.key())
				.isThrownBy(() -> Navigation.bind(row.key(), without(row.key())));
			return;
		}
		Navigation.Value bound = Navigation.bind(row.key(), REQUIRED);
		Optional<String> literal = row.literal();
		if (literal.isEmpty()) {
			assertThat(isUnset(bound.value())).as("%s has no default, it says %s", row.key(), row.text()).isTrue();
			return;
		}
		Object documented = ApplicationConversionService.getSharedInstance().convert(literal.get(), bound.type());
		assertThat(bound.value()).as(row.key()).isEqualTo(documented);
		JsonNode metadata = metadata().get(row.key());
		if (metadata != null && metadata.has("defaultValue")) {
			Object generated = ApplicationConversionService.getSharedInstance()
				.convert(metadata.get("defaultValue").asString(), bound.type());
			assertThat(generated).as("metadata of %s", row.key()).isEqualTo(documented);
		}
	}

	private static Map<String, Object> without(String key) {
		Map<String, Object> properties = new HashMap<>(REQUIRED);
		properties.remove(key.replace("[n]", "[0]"));
		return properties;
	}

	private static boolean isUnset(Object value) {
		return value == null || Boolean.FALSE.equals(value) || (value instanceof Collection<?> c && c.isEmpty())
				|| (value instanceof Optional<?> o && o.isEmpty());
	}

	/**
	 * Every {@code tagrelay.*}/{@code uk.*} property the services' metadata lists.
	 */
	private static Map<String, JsonNode> metadata() throws IOException {
		if (metadata == null) {
			metadata = readMetadata();
		}
		return metadata;
	}

	private static Map<String, JsonNode> readMetadata() throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		JsonMapper json = JsonMapper.builder().build();
		for (URL url : Collections.list(ConfigurationDocsTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : json.readTree(in).path("properties")) {
					String name = property.path("name").asString();
					if (name.startsWith("tagrelay.") || name.startsWith("uk.")) {
						properties.put(name, property);
					}
				}
			}
		}
		assertThat(properties).as("configuration metadata of the services")
			.containsKey("tagrelay.ingest.tokens")
			.containsKey("tagrelay.webhook.max-attempts")
			.containsKey("tagrelay.kafka.partitions");
		return properties;
	}

	/**
	 * A row of a configuration table.
	 *
	 * @param key the property, {@code [n]} standing for a list index
	 * @param text what the default column says
	 */
	record Row(String key, String text) {

		boolean isRequired() {
			return this.text.startsWith("required") || this.text.contains("refuses to start");
		}

		Optional<String> literal() {
			Matcher literal = LITERAL.matcher(this.text);
			return literal.find() ? Optional.of(literal.group(1)) : Optional.empty();
		}

		@Override
		public String toString() {
			return this.key;
		}

	}

	/**
	 * Finds a property's value in the record that binds it, bound from given properties,
	 * by walking the record components the key names.
	 */
	static final class Navigation {

		/** The constraints are checked as the services check them at start-up. */
		private static final Validator VALIDATOR = new SpringValidatorAdapter(
				Validation.buildDefaultValidatorFactory().getValidator());

		private Navigation() {
		}

		record Value(Object value, Class<?> type) {
		}

		static Class<?> to(String key) {
			return owner(key);
		}

		static Value bind(String key, Map<String, Object> properties) {
			Class<?> owner = owner(key);
			String prefix = prefix(owner);
			Binder binder = new Binder(ConfigurationPropertySources.from(new MapPropertySource("test", properties)));
			Object value = binder.bindOrCreate(prefix, Bindable.of(owner), new ValidationBindHandler(VALIDATOR));
			Class<?> type = owner;
			ConfigurationPropertyName name = ConfigurationPropertyName.of(key.replace("[n]", "[0]"));
			int skip = ConfigurationPropertyName.of(prefix).getNumberOfElements();
			for (int i = skip; i < name.getNumberOfElements(); i++) {
				if (name.isNumericIndex(i)) {
					value = ((List<?>) value)
						.get(Integer.parseInt(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM)));
					type = value.getClass();
					continue;
				}
				RecordComponent component = component(type, name.getElement(i, ConfigurationPropertyName.Form.DASHED));
				type = component.getType();
				if (type == List.class && i + 1 < name.getNumberOfElements() && name.isNumericIndex(i + 1)) {
					type = Object.class;
				}
				value = read(component, value);
			}
			return new Value(value, type);
		}

		private static RecordComponent component(Class<?> type, String dashed) {
			String camel = Pattern.compile("-([a-z])").matcher(dashed).replaceAll((m) -> m.group(1).toUpperCase());
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.getName().equals(camel)) {
					return component;
				}
			}
			throw new IllegalArgumentException(type.getSimpleName() + " has no " + dashed);
		}

		private static Object read(RecordComponent component, Object record) {
			try {
				component.getAccessor().setAccessible(true);
				return component.getAccessor().invoke(record);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static Class<?> owner(String key) {
			Class<?> owner = null;
			List<Class<?>> classes = new ArrayList<>(ConfigurationKeys.ingest().propertyClasses());
			classes.addAll(ConfigurationKeys.worker().propertyClasses());
			for (Class<?> type : classes) {
				String prefix = prefix(type);
				boolean covers = key.equals(prefix) || key.startsWith(prefix + ".") || key.startsWith(prefix + "[");
				if (covers && (owner == null || prefix.length() > prefix(owner).length())) {
					owner = type;
				}
			}
			if (owner == null) {
				throw new IllegalArgumentException("no @ConfigurationProperties record binds " + key);
			}
			return owner;
		}

		private static String prefix(Class<?> type) {
			ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
			return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
		}

	}

}
