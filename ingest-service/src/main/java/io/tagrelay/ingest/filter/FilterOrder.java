package io.tagrelay.ingest.filter;

import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/**
 * The ingest's servlet filters, in the order a request passes them, top to bottom. The
 * order is what makes each of them safe: the metrics see every refusal, nothing decodes a
 * malformed query, and no unauthenticated caller's body is ever read.
 */
public enum FilterOrder {

	/**
	 * Writes the 202 once Kafka acknowledged a request's events, on the asynchronous
	 * dispatch only (no request passes it on its way in), ahead of the filters below,
	 * which skip that dispatch anyway, and of Spring MVC, which it spares a second pass.
	 */
	ACCEPTED_ANSWER,

	/**
	 * Counts webhooks by the status finally answered: first, so that it sees the refusals
	 * of every filter below.
	 */
	WEBHOOK_METRICS,

	/**
	 * Refuses a malformed query string before anything decodes or logs it, with the same
	 * 400 for every caller, authenticated or not.
	 */
	REQUEST_HYGIENE,

	/**
	 * Answers 404 for actuator paths, which the public port never serves, before the
	 * token check, so that every caller gets the same answer.
	 */
	ACTUATOR_PATHS,

	/**
	 * Refuses, with 429, every request of an address that failed authentication too often
	 * lately, before its credential is even checked (so that guessing goes no faster with
	 * a good token among the bad), and counts each 401 the filters below answer it.
	 */
	FAILED_AUTHENTICATION_LIMIT,

	/**
	 * Refuses a caller without a valid ingest token before the body is read, except on
	 * the webhooks whose source proves itself otherwise.
	 */
	AUTHENTICATION,

	/**
	 * Refuses a webhook's caller without its source's proof (its own tokens, a token in
	 * the path or an API-key header, an OIDC token, the form of a body signature's
	 * header) before the body is read.
	 */
	SOURCE_AUTHENTICATION,

	/**
	 * Reads the body, at most up to the limit; only authenticated callers, and callers
	 * whose body a signature must prove, get here.
	 */
	BODY_SIZE_LIMIT,

	/**
	 * Refuses a webhook whose body does not carry its source's signature (GitHub's HMAC),
	 * on the body read within the limit.
	 */
	BODY_SIGNATURE,

	/**
	 * Refuses, with 429, a client over its rate, once it is known who it is: after every
	 * proof, the body signature's included.
	 */
	CLIENT_RATE_LIMIT;

	/**
	 * The filter's place in the servlet chain: near its top, in the order of this list.
	 * @return the order of the filter's registration
	 */
	public int order() {
		return Ordered.HIGHEST_PRECEDENCE + 10 * (ordinal() + 1);
	}

	/**
	 * Registers a filter at this place in the chain.
	 * @param <F> the filter's type
	 * @param filter the filter
	 * @param urlPatterns the paths it filters; every path if none is given
	 * @return the registration
	 */
	public <F extends Filter> FilterRegistrationBean<F> register(F filter, String... urlPatterns) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(urlPatterns);
		registration.setOrder(order());
		return registration;
	}

}
