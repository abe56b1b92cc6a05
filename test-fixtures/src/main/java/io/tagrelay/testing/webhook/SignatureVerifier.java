package io.tagrelay.testing.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Standard Webhooks signature: {@code v1,<base64 HMAC-SHA256>} of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, among the space-separated signatures
 * of the {@code webhook-signature} header.
 */
final class SignatureVerifier {

	private final byte[] key;

	/**
	 * A verifier.
	 * @param secret {@code whsec_<base64 key>}
	 */
	SignatureVerifier(String secret) {
		if (!secret.startsWith("whsec_")) {
			throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
		}
		this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
	}

	boolean verifies(String id, String timestamp, String header, byte[] body) {
		if (id == null || timestamp == null || header == null) {
			return false;
		}
		byte[] expected = ("v1," + sign(id + "." + timestamp + ".", body)).getBytes(StandardCharsets.UTF_8);
		for (String candidate : header.split(" ")) {
			if (MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), expected)) {
				return true;
			}
		}
		return false;
	}

	private String sign(String prefix, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			mac.update(prefix.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
