package io.tagrelay.ingest.accept;

import io.tagrelay.ingest.filter.FilterOrder;
import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the writer of the accepted answers at its place in the {@link FilterOrder},
 * for the asynchronous dispatch only.
 */
@Configuration(proxyBeanMethods = false)
class AcceptConfiguration {

	@Bean
	FilterRegistrationBean<AcceptedAnswerFilter> acceptedAnswer(JsonMapper json) {
		FilterRegistrationBean<AcceptedAnswerFilter> registration = FilterOrder.ACCEPTED_ANSWER
			.register(new AcceptedAnswerFilter(json));
		registration.setDispatcherTypes(DispatcherType.ASYNC);
		return registration;
	}

}
