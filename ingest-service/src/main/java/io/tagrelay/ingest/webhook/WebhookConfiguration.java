package io.tagrelay.ingest.webhook;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the webhook metrics in front of every other filter on the webhook paths.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	FilterRegistrationBean<WebhookMetricsFilter> webhookMetrics(MeterRegistry meters) {
		FilterRegistrationBean<WebhookMetricsFilter> registration = new FilterRegistrationBean<>(
				new WebhookMetricsFilter(meters));
		registration.addUrlPatterns("/webhook", "/webhooks/quay");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
