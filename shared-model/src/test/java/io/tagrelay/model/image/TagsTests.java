package io.tagrelay.model.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TagsTests {

	@ParameterizedTest
	@ValueSource(strings = { "1", "latest", "1.2.3", "v1.2.3-rc.1", "0.0.2-SNAPSHOT.2", "_x", "sha-abc123", "A_B.c-d",
			"1.0.0__build" })
	void acceptsTagsOfTheOciGrammar(String tag) {
		assertThat(Tags.isValid(tag)).isTrue();
		assertThat(Tags.require(tag)).isEqualTo(tag);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { ".hidden", "-rf", " 1", "1 ", "1.0+build", "a/b", "../etc", "a:b", "a@b", "$(id)", "`id`",
			"a;b", "a|b", "a\nb", "é", "1.0\u0000" })
	void rejectsOtherText(String tag) {
		assertThat(Tags.isValid(tag)).isFalse();
		assertThatExceptionOfType(InvalidReferenceException.class).isThrownBy(() -> Tags.require(tag));
	}

	@Test
	void allowsAtMost128Characters() {
		assertThat(Tags.isValid("a".repeat(128))).isTrue();
		assertThat(Tags.isValid("a".repeat(129))).isFalse();
	}

	@Test
	void quotesARejectedTagSafely() {
		assertThatExceptionOfType(InvalidReferenceException.class).isThrownBy(() -> Tags.require("a\nb"))
			.withMessageNotContaining("\n");
	}

}
