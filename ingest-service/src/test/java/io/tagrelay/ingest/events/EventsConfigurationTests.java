package io.tagrelay.ingest.events;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class EventsConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(EventsConfiguration.class);

	@Test
	void remembersAnHourOfEventsAtMostTenThousandByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(EventsProperties.class))
			.isEqualTo(new EventsProperties(Duration.ofHours(1), 10_000)));
	}

	@Test
	void refusesToStartWithARetentionUnderASecond() {
		this.runner.withPropertyValues("tagrelay.ingest.events.retention=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.events.retention"));
	}

	@Test
	void refusesToStartWithACapacityUnderOne() {
		this.runner.withPropertyValues("tagrelay.ingest.events.capacity=0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tagrelay.ingest.events.capacity"));
	}

}
