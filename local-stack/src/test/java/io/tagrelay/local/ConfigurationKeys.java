package io.tagrelay.local;

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
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Checks environment variables that a deployment file sets against the
 * {@code @ConfigurationProperties} the services really bind: each variable is mapped the
 * way Spring Boot maps the environment, bound with the services' own property classes,
 * and any variable that no class consumed is reported. So a misspelt key in
 * docker-compose or the chart fails the build instead of being silently ignored.
 */
final class ConfigurationKeys {

	private final List<Class<?>> propertyClasses;

	private ConfigurationKeys(List<Class<?>> propertyClasses) {
		this.propertyClasses = propertyClasses;
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
	 * The variables among {@code environment} that no property class binds.
	 * @param environment variable names and values, as a deployment file sets them
	 * @return the names of unbound variables, sorted
	 */
	Set<String> unbound(Map<String, Object> environment) {
		SystemEnvironmentPropertySource environmentSource = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.from(environmentSource);
		Set<ConfigurationPropertyName> bound = new HashSet<>();
		Binder binder = new Binder(sources);
		for (Class<?> type : this.propertyClasses) {
			String prefix = type.getAnnotation(ConfigurationProperties.class).prefix();
			if (prefix.isEmpty()) {
				prefix = type.getAnnotation(ConfigurationProperties.class).value();
			}
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
					unbound.add(source.getConfigurationProperty(name).getOrigin().toString() + " (" + name + ")");
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
