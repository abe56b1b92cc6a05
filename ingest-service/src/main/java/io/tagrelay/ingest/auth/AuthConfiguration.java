package io.tagrelay.ingest.auth;

import io.tagrelay.ingest.client.Clients;
import io.tagrelay.ingest.config.IngestProperties;
import io.tagrelay.ingest.filter.FilterOrder;
import io.tagrelay.ingest.problem.FilterProblems;
import io.tagrelay.ingest.source.SourcesProperties;
import io.tagrelay.ingest.source.WebhookSources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the token check in front of every endpoint, at its place in the
 * {@link FilterOrder}, unless {@code tagrelay.ingest.auth.disabled} says that a proxy in
 * front does it, and the check of the webhooks' own proofs before and after the body is
 * read.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

	private static final Log logger = LogFactory.getLog(AuthConfiguration.class);

	@Bean
	SourceProofs sourceProofs(SourcesProperties sources, IngestProperties properties, WebhookSources switches,
			Clients clients) {
		return new SourceProofs(sources, properties, switches, clients);
	}

	@Bean
	FilterRegistrationBean<TokenAuthenticationFilter> tokenAuthentication(IngestProperties properties,
			SourceProofs sources, Clients clients, FilterProblems problems) {
		TokenAuthenticationFilter filter = new TokenAuthenticationFilter(clients, sources, problems);
		FilterRegistrationBean<TokenAuthenticationFilter> registration = FilterOrder.AUTHENTICATION.register(filter);
		if (properties.auth().disabled()) {
			logger.warn("tagrelay.ingest.auth.disabled=true: the ingest does not authenticate callers; "
					+ "a proxy in front must");
			if (!properties.clients().isEmpty()) {
				logger.warn("tagrelay.ingest.clients are ignored while tagrelay.ingest.auth.disabled=true: "
						+ "every caller may trigger everything");
			}
			registration.setEnabled(false);
		}
		else {
			logger.info("Ingest authentication on, " + properties.tokens().size() + " global token(s) and "
					+ properties.clients().size() + " client(s) configured");
		}
		return registration;
	}

	/**
	 * The sources' own proofs, which the ingest checks whether or not a proxy in front
	 * checks the ingest tokens.
	 */
	@Bean
	FilterRegistrationBean<SourceAuthenticationFilter> sourceAuthentication(SourceProofs sources, Clients clients,
			FilterProblems problems) {
		return FilterOrder.SOURCE_AUTHENTICATION.register(new SourceAuthenticationFilter(sources, clients, problems));
	}

	@Bean
	FilterRegistrationBean<BodySignatureFilter> bodySignature(SourceProofs sources, FilterProblems problems) {
		return FilterOrder.BODY_SIGNATURE.register(new BodySignatureFilter(sources, problems));
	}

}
