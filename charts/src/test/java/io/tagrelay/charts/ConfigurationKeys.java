package io.tagrelay.charts;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Checks the configuration a deployment file sets (environment variables, or the keys of
 * a YAML file) against the {@code @ConfigurationProperties} the services really bind:
 * each entry is mapped the way Spring Boot maps it, bound with the services' own property
 * classes, and any entry that no class consumed is reported. So a misspelt key in
 * docker-compose or the chart fails the build instead of being silently ignored.
 */
final class ConfigurationKeys {

	private final List<Class<?>> propertyClasses;

	private ConfigurationKeys(List<Class<?>> propertyClasses) {
		this.propertyClasses = propertyClasses;
	}

	/**
	 * The properties the ingest binds: its own and the shared ones.
	 * @return a checker
	 */
	static ConfigurationKeys ingest() {
		return of("io.tagrelay.ingest", "io.tagrelay.support");
	}

	/**
	 * The properties the worker binds: its own and the shared ones.
	 * @return a checker
	 */
	static ConfigurationKeys worker() {
		return of("io.tagrelay.worker", "io.tagrelay.support");
	}

	/**
	 * The property classes of the given packages.
	 * @param basePackages e.g. {@code io.tagrelay.ingest}
	 * @return a checker
	 */
	static ConfigurationKeys of(String... basePackages) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Set<Class<?>> classes = new LinkedHashSet<>();
		for (String basePackage : basePackages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				classes.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), null));
			}
		}
		if (classes.isEmpty()) {
			throw new IllegalStateException("no @ConfigurationProperties classes found in " + List.of(basePackages));
		}
		return new ConfigurationKeys(List.copyOf(classes));
	}

	/**
	 * The property classes.
	 * @return the {@code @ConfigurationProperties} classes found
	 */
	List<Class<?>> propertyClasses() {
		return this.propertyClasses;
	}

	/**
	 * The variables among {@code environment} that no property class binds.
	 * @param environment variable names and values, as a deployment file sets them
	 * @return the unbound variables, sorted, each with the property name it maps to
	 */
	Set<String> unbound(Map<String, Object> environment) {
		return unbound(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				environment));
	}

	/**
	 * The properties among {@code properties} that no property class binds.
	 * @param properties flattened keys, as in a YAML configuration file
	 * ({@code tagrelay.targets[0].repository})
	 * @return the unbound keys, sorted
	 */
	Set<String> unboundProperties(Map<String, Object> properties) {
		return unbound(new MapPropertySource("configuration", properties));
	}

	private Set<String> unbound(EnumerablePropertySource<?> propertySource) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.from(propertySource);
		Set<ConfigurationPropertyName> bound = new HashSet<>();
		Binder binder = new Binder(sources);
		for (Class<?> type : this.propertyClasses) {
			ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
			String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
			try {
				binder.bind(prefix, Bindable.of(type), new Recorder(bound));
			}
			catch (RuntimeException ex) {
				// a value that does not convert still shows the key is known; validity is
				// the
				// services' own start-up tests' concern
			}
		}
		Set<String> unbound = new TreeSet<>();
		for (ConfigurationPropertySource source : sources) {
			for (ConfigurationPropertyName name : (IterableConfigurationPropertySource) source) {
				if (bound.stream().noneMatch((known) -> known.equals(name) || known.isAncestorOf(name))) {
					// reported as written in the file: TAGRELAY_X or tagrelay.x
					Origin origin = source.getConfigurationProperty(name).getOrigin();
					unbound.add((origin instanceof PropertySourceOrigin written) ? written.getPropertyName()
							: name.toString());
				}
			}
		}
		return unbound;
	}

	private static final class Recorder extends AbstractBindHandler {

		private final Set<ConfigurationPropertyName> bound;

		Recorder(Set<ConfigurationPropertyName> bound) {
			this.bound = bound;
		}

		@Override
		public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			if (context.getConfigurationProperty() != null) {
				this.bound.add(name);
			}
			return super.onSuccess(name, target, context, result);
		}

	}

}
