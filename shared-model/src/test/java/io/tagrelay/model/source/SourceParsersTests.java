package io.tagrelay.model.source;

import io.tagrelay.model.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.tagrelay.model.source.Notifications.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every source's parser shares: one parser per source, and one strict, bounded
 * reading of JSON whose errors never quote the body.
 */
class SourceParsersTests {

	@ParameterizedTest
	@EnumSource(Source.class)
	void hasAParserForEverySource(Source source) {
		assertThat(SourceParsers.of(source)).isNotNull().isSameAs(SourceParsers.of(source));
	}

	@ParameterizedTest
	@EnumSource(Source.class)
	void refusesABodyThatIsNotAJsonObject(Source source) {
		for (String body : new String[] { "", " ", "[]", "\"x\"", "null", "42", "{", "\u00ff\u00fe" }) {
			assertRejected(source, body).withMessageContaining("payload");
		}
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> SourceParsers.of(source).parse(null, SourceParser.RequestHeaders.NONE));
	}

	@ParameterizedTest
	@EnumSource(Source.class)
	void refusesDuplicateKeysAtAnyDepth(Source source) {
		assertRejected(source, "{\"a\":1,\"a\":2}").withMessageContaining("not valid JSON");
		assertRejected(source, "{\"x\":{\"a\":1,\"a\":2}}").withMessageContaining("not valid JSON");
	}

	@ParameterizedTest
	@EnumSource(Source.class)
	void refusesDeepNestingAndOverLongStrings(Source source) {
		assertRejected(source, "{\"x\":" + "[".repeat(40) + "]".repeat(40) + "}")
			.withMessageContaining("not valid JSON");
		assertRejected(source, "[".repeat(100_000)).withMessageContaining("not valid JSON");
		assertRejected(source, "{\"x\":\"" + "a".repeat(20_000) + "\"}").withMessageContaining("not valid JSON");
	}

	@ParameterizedTest
	@EnumSource(Source.class)
	void namesWhereTheJsonBreaksWithoutQuotingIt(Source source) {
		assertRejected(source, "{\"token\":\"s3cr3t-token\"\n x}")
			.withMessage("payload is not valid JSON (line 2, column 2)");
	}

	@Test
	void namesAWrongTypeByItsFieldWithoutQuotingIt() {
		assertRejected(Source.DOCKERHUB,
				"{\"repository\":{\"repo_name\":\"acme/web\"},\"push_data\":{\"tag\":[\"s3cr3t\"]}}")
			.withMessage("push_data.tag is not a string");
		assertRejected(Source.DISTRIBUTION, "{\"events\":[{\"action\":\"push\",\"target\":\"s3cr3t\"}]}")
			.withMessage("events[0].target is not an object");
	}

}
