package io.tagrelay.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's side of a webhook delivery, for the tests: the {@code X-Hub-Signature-256}
 * value GitHub sends with a body.
 */
public final class GithubSignatures {

	private GithubSignatures() {
	}

	/**
	 * The signature with the ingest's GitHub secret ({@link IngestTest#GITHUB_SECRET}).
	 * @param body the body
	 * @return {@code sha256=<hex>}
	 */
	public static String of(byte[] body) {
		return of(body, IngestTest.GITHUB_SECRET);
	}

	/**
	 * The signature with a secret.
	 * @param body the body
	 * @param secret the webhook's secret
	 * @return {@code sha256=<hex>}
	 */
	public static String of(byte[] body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
