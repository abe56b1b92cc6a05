package io.tagrelay.ingest.hygiene;

import io.tagrelay.ingest.problem.FilterProblems;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the request hygiene check after the webhook metrics (so a refused webhook is
 * counted) and before authentication.
 */
@Configuration(proxyBeanMethods = false)
class HygieneConfiguration {

	@Bean
	FilterRegistrationBean<RequestHygieneFilter> requestHygiene(FilterProblems problems) {
		FilterRegistrationBean<RequestHygieneFilter> registration = new FilterRegistrationBean<>(
				new RequestHygieneFilter(problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
		return registration;
	}

}
