package io.tagrelay.ingest.management;

import io.tagrelay.ingest.filter.FilterOrder;
import io.tagrelay.ingest.problem.FilterProblems;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the actuator off the public port, at its place in the {@link FilterOrder}. The
 * management port's own server has none of the public port's filters.
 */
@Configuration(proxyBeanMethods = false)
class ManagementConfiguration {

	@Bean
	FilterRegistrationBean<ActuatorPathsFilter> actuatorPaths(FilterProblems problems) {
		return FilterOrder.ACTUATOR_PATHS.register(new ActuatorPathsFilter(problems));
	}

}
