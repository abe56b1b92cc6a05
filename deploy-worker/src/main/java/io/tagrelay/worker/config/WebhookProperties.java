package io.tagrelay.worker.config;

import java.time.Duration;

import io.tagrelay.model.Secret;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the success/failure webhooks are delivered ({@code tagrelay.webhook.*}). The
 * receivers themselves are configured per target.
 *
 * @param secret the Standard Webhooks signing secret ({@code TAGRELAY_WEBHOOK_SECRET},
 * {@code whsec_<base64>} or raw); webhooks are unsigned without it
 * @param maxAttempts delivery attempts before the outcome is dead-lettered
 * @param initialInterval the wait before the second attempt
 * @param multiplier the factor by which each wait grows
 * @param maxInterval the longest wait between two attempts
 * @param timeout the read timeout of one attempt
 * @param connectTimeout the connect timeout of one attempt
 */
@ConfigurationProperties("tagrelay.webhook")
@Validated
public record WebhookProperties(Secret secret, @DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
		@DefaultValue("1s") @DurationMin(millis = 1) Duration initialInterval,
		@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
		@DefaultValue("1m") @DurationMin(millis = 1) Duration maxInterval,
		@DefaultValue("10s") @DurationMin(millis = 1) Duration timeout,
		@DefaultValue("5s") @DurationMin(millis = 1) Duration connectTimeout) {

}
