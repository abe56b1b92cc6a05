package io.tagrelay.ingest.source;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagrelay.ingest.filter.FilterOrder;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the webhook metrics on every webhook path, at the top of the
 * {@link FilterOrder}.
 */
@Configuration(proxyBeanMethods = false)
class WebhookMetricsConfiguration {

	@Bean
	FilterRegistrationBean<WebhookMetricsFilter> webhookMetrics(MeterRegistry meters) {
		return FilterOrder.WEBHOOK_METRICS.register(new WebhookMetricsFilter(meters), "/webhook", "/webhooks/*");
	}

}
