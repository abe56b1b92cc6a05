package io.tagrelay.ingest.problem;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} in place of the error report valves of Tomcat and
 * of Spring Boot, so that every error Tomcat answers on its own is a problem too.
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblemConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
		return new ProblemValveCustomizer();
	}

	/** Runs after Boot's own customizer, which adds its error report valve. */
	static final class ProblemValveCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> replaceErrorReportValve((Host) context.getParent()));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

		private static void replaceErrorReportValve(Host host) {
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ProblemErrorReportValve());
			// so that the host does not add Tomcat's own when it starts
			if (host instanceof StandardHost standard) {
				standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		}

	}

}
