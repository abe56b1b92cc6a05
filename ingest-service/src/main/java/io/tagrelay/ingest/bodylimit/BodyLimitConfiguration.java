package io.tagrelay.ingest.bodylimit;

import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.problem.FilterProblems;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the body size limit after authentication, so that an unauthenticated caller's
 * body is never read.
 */
@Configuration(proxyBeanMethods = false)
class BodyLimitConfiguration {

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(IngestProperties properties, FilterProblems problems) {
		int maxBytes = (int) Math.min(Integer.MAX_VALUE - 1, properties.maxBodySize().toBytes());
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(maxBytes, problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

}
