package io.tagrelay.ingest.accept;

import java.net.URI;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.StandardServletAsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptedAnswerFilterTests {

	final AcceptedAnswerFilter filter = new AcceptedAnswerFilter(JsonMapper.shared());

	final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhook");

	final MockHttpServletResponse response = new MockHttpServletResponse();

	final MockFilterChain mvc = new MockFilterChain();

	@Test
	void writesTheAcceptedAnswerOfOneEventWithoutPassingItToSpringMvcAgain() throws Exception {
		dispatchedWith(ResponseEntity.accepted().location(URI.create("/events/evt_1")).body(new Accepted("evt_1")));

		this.filter.doFilter(this.request, this.response, this.mvc);

		assertThat(this.mvc.getRequest()).isNull();
		assertThat(this.response.getStatus()).isEqualTo(HttpStatus.ACCEPTED.value());
		assertThat(this.response.getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
		assertThat(this.response.getHeader(HttpHeaders.LOCATION)).isEqualTo("/events/evt_1");
		assertThat(this.response.getContentAsString()).isEqualTo("{\"eventId\":\"evt_1\"}");
	}

	@Test
	void writesTheAcceptedAnswerOfSeveralEvents() throws Exception {
		dispatchedWith(ResponseEntity.accepted().body(new AcceptedEvents(List.of("evt_1", "evt_2"))));

		this.filter.doFilter(this.request, this.response, this.mvc);

		assertThat(this.mvc.getRequest()).isNull();
		assertThat(this.response.getStatus()).isEqualTo(HttpStatus.ACCEPTED.value());
		assertThat(this.response.getContentAsString()).isEqualTo("{\"eventIds\":[\"evt_1\",\"evt_2\"]}");
	}

	@Test
	void leavesAFailureAndEveryOtherAnswerToSpringMvc() throws Exception {
		dispatchedWith(new IllegalStateException("not acknowledged"));
		this.filter.doFilter(this.request, this.response, this.mvc);
		assertThat(passedOn()).isTrue();
	}

	@Test
	void leavesAnAnswerThatIsNoAcceptanceToSpringMvc() throws Exception {
		dispatchedWith(ResponseEntity.ok("{}"));
		this.filter.doFilter(this.request, this.response, this.mvc);
		assertThat(passedOn()).isTrue();
	}

	@Test
	void letsTheFirstPassOfARequestThrough() throws Exception {
		this.filter.doFilter(this.request, this.response, this.mvc);
		assertThat(passedOn()).isTrue();
	}

	private boolean passedOn() {
		ServletRequest passed = this.mvc.getRequest();
		ServletResponse answered = this.mvc.getResponse();
		return passed == this.request && answered == this.response;
	}

	private void dispatchedWith(Object result) throws Exception {
		this.request.setAsyncSupported(true);
		WebAsyncManager async = WebAsyncUtils.getAsyncManager(this.request);
		async.setAsyncWebRequest(new StandardServletAsyncWebRequest(this.request, this.response));
		DeferredResult<Object> deferred = new DeferredResult<>();
		async.startDeferredResultProcessing(deferred);
		if (result instanceof Throwable failure) {
			deferred.setErrorResult(failure);
		}
		else {
			deferred.setResult(result);
		}
		this.request.setDispatcherType(DispatcherType.ASYNC);
		this.request.setAsyncStarted(false);
	}

}
