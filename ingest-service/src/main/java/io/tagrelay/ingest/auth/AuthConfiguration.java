package io.tagrelay.ingest.auth;

import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.problem.FilterProblems;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the token check in front of every endpoint, unless
 * {@code tagrelay.ingest.auth.disabled} says that a proxy in front does it.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	/** Runs after the webhook metrics, before the body is read. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private static final Log logger = LogFactory.getLog(AuthConfiguration.class);

	@Bean
	FilterRegistrationBean<TokenAuthenticationFilter> tokenAuthentication(IngestProperties properties,
			FilterProblems problems) {
		TokenAuthenticationFilter filter = new TokenAuthenticationFilter(properties.tokens(), problems);
		FilterRegistrationBean<TokenAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(ORDER);
		if (properties.auth().disabled()) {
			logger.warn("tagrelay.ingest.auth.disabled=true: the ingest does not authenticate callers; "
					+ "a proxy in front must");
			registration.setEnabled(false);
		}
		else {
			logger.info("Ingest authentication on, " + properties.tokens().size() + " token(s) configured");
		}
		return registration;
	}

}
