package io.tagrelay.ingest.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.ingest.filter.FilterOrder;
import io.tagrelay.ingest.problem.FilterProblems;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code tagrelay.ingest.rate-limit.*} and registers both limits at their places in
 * the {@link FilterOrder}, each counting its refusals as
 * {@code tagrelay.ingest.rate-limited{limit=...}}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	@Bean
	RateLimits rateLimits(RateLimitProperties properties) {
		return new RateLimits(properties);
	}

	@Bean
	FilterRegistrationBean<FailedAuthenticationFilter> failedAuthenticationLimit(RateLimits limits,
			FilterProblems problems, MeterRegistry meters) {
		return FilterOrder.FAILED_AUTHENTICATION_LIMIT
			.register(new FailedAuthenticationFilter(limits, problems, refused(meters, "failed-auth-per-address")));
	}

	@Bean
	FilterRegistrationBean<ClientRateLimitFilter> clientRateLimit(RateLimits limits, FilterProblems problems,
			MeterRegistry meters) {
		return FilterOrder.CLIENT_RATE_LIMIT
			.register(new ClientRateLimitFilter(limits, problems, refused(meters, "per-client")));
	}

	private static Counter refused(MeterRegistry meters, String limit) {
		return Counter.builder("tagrelay.ingest.rate-limited")
			.description("Requests refused with 429 by a rate limit")
			.tag("limit", limit)
			.register(meters);
	}

}
