package io.tagrelay.ingest.bodylimit;

import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.filter.FilterOrder;
import io.tagrelay.ingest.problem.FilterProblems;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the body size limit at its place in the {@link FilterOrder}: after
 * authentication, so that an unauthenticated caller's body is never read.
 */
@Configuration(proxyBeanMethods = false)
class BodyLimitConfiguration {

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(IngestProperties properties, FilterProblems problems) {
		int maxBytes = (int) Math.min(Integer.MAX_VALUE - 1, properties.maxBodySize().toBytes());
		return FilterOrder.BODY_SIZE_LIMIT.register(new BodySizeLimitFilter(maxBytes, problems));
	}

}
