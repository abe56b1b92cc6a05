package io.tagrelay.worker.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkHeaderTests {

	@Test
	void readsTheNextPageAsDistributionAndQuayWriteIt() {
		assertThat(LinkHeader.next("</v2/acme/web/tags/list?n=100&last=1.2.3>; rel=\"next\""))
			.contains("/v2/acme/web/tags/list?n=100&last=1.2.3");
	}

	@Test
	void readsTheNextPageAmongOtherLinksAndRelations() {
		assertThat(LinkHeader.next("<https://r.example/v2/a/tags/list?last=b>; rel=\"prev\", "
				+ "<https://r.example/v2/a/tags/list?last=z>; title=\"more\"; rel=\"last next\""))
			.contains("https://r.example/v2/a/tags/list?last=z");
	}

	@Test
	void acceptsAnUnquotedRelation() {
		assertThat(LinkHeader.next("</v2/a/tags/list?last=b>;rel=next")).contains("/v2/a/tags/list?last=b");
	}

	@Test
	void findsNoNextPageWhereThereIsNone() {
		assertThat(LinkHeader.next(null)).isEmpty();
		assertThat(LinkHeader.next("")).isEmpty();
		assertThat(LinkHeader.next("</v2/a/tags/list?last=b>; rel=\"prev\"")).isEmpty();
		assertThat(LinkHeader.next("<>; rel=\"next\"")).isEmpty();
		assertThat(LinkHeader.next("garbage; rel=next")).isEmpty();
	}

}
