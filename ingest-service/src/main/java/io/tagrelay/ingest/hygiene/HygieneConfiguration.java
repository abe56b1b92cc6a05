package io.tagrelay.ingest.hygiene;

import io.tagrelay.ingest.filter.FilterOrder;
import io.tagrelay.ingest.problem.FilterProblems;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the request hygiene check at its place in the {@link FilterOrder}.
 */
@Configuration(proxyBeanMethods = false)
class HygieneConfiguration {

	@Bean
	FilterRegistrationBean<RequestHygieneFilter> requestHygiene(FilterProblems problems) {
		return FilterOrder.REQUEST_HYGIENE.register(new RequestHygieneFilter(problems));
	}

}
