package io.tagrelay.worker.scan;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker runs the targets' reconciliation scans ({@code tagrelay.scan.*}); each
 * target sets its own {@code scan-interval}.
 *
 * @param tick how often the scanner looks for repositories due for a scan
 * @param concurrency how many repositories are scanned at once
 */
@ConfigurationProperties("tagrelay.scan")
@Validated
public record ScanProperties(@DefaultValue("1s") @DurationMin(millis = 10) Duration tick,
		@DefaultValue("4") @Min(1) @Max(64) int concurrency) {
}
