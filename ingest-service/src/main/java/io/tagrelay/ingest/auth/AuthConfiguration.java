package io.tagrelay.ingest.auth;

import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.filter.FilterOrder;
import io.tagrelay.ingest.problem.FilterProblems;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the token check in front of every endpoint, at its place in the
 * {@link FilterOrder}, unless {@code tagrelay.ingest.auth.disabled} says that a proxy in
 * front does it.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	private static final Log logger = LogFactory.getLog(AuthConfiguration.class);

	@Bean
	FilterRegistrationBean<TokenAuthenticationFilter> tokenAuthentication(IngestProperties properties,
			FilterProblems problems) {
		TokenAuthenticationFilter filter = new TokenAuthenticationFilter(properties.tokens(), problems);
		FilterRegistrationBean<TokenAuthenticationFilter> registration = FilterOrder.AUTHENTICATION.register(filter);
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
