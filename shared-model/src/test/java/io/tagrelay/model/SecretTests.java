package io.tagrelay.model;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretTests {

	@Test
	void neverShowsTheValue() {
		Secret secret = new Secret("s3cr3t-token");
		assertThat(secret.toString()).doesNotContain("s3cr3t").isEqualTo("[secret]");
		assertThat(String.valueOf(new Holder(secret))).doesNotContain("s3cr3t");
	}

	@Test
	void matchesOnlyTheExactValue() {
		Secret secret = new Secret("s3cr3t-token");
		assertThat(secret.matches("s3cr3t-token")).isTrue();
		assertThat(secret.matches("s3cr3t-toke")).isFalse();
		assertThat(secret.matches("s3cr3t-token ")).isFalse();
		assertThat(secret.matches("S3CR3T-TOKEN")).isFalse();
		assertThat(secret.matches("")).isFalse();
		assertThat(secret.matches(null)).isFalse();
	}

	@Test
	void comparesMultiByteValuesByTheirBytes() {
		Secret secret = new Secret("clé-ünïcode");
		assertThat(secret.matches("clé-ünïcode")).isTrue();
		assertThat(secret.bytes()).isEqualTo("clé-ünïcode".getBytes(StandardCharsets.UTF_8));
		assertThat(secret.reveal()).isEqualTo("clé-ünïcode");
	}

	@Test
	void handsOutACopyOfItsBytes() {
		Secret secret = new Secret("abc");
		secret.bytes()[0] = 'x';
		assertThat(secret.matches("abc")).isTrue();
	}

	@Test
	void equalsAnotherSecretWithTheSameValue() {
		assertThat(new Secret("abc")).isEqualTo(new Secret("abc")).hasSameHashCodeAs(new Secret("abc"));
		assertThat(new Secret("abc")).isNotEqualTo(new Secret("abd")).isNotEqualTo("abc");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t\n" })
	void rejectsABlankValue(String value) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> new Secret(value));
	}

	@Test
	void rejectsNull() {
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new Secret(null));
	}

	record Holder(Secret token) {
	}

}
