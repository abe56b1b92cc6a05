package io.tagrelay.worker.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Secret;

/**
 * Signs webhooks per the Standard Webhooks spec: {@code webhook-signature} is {@code v1,}
 * and the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the base64-decoded
 * part of a {@code whsec_} secret (or a raw secret's bytes).
 */
final class WebhookSigner {

	private static final String PREFIX = "whsec_";

	private final SecretKeySpec key;

	WebhookSigner(Secret secret) {
		this.key = new SecretKeySpec(keyBytes(secret), "HmacSHA256");
	}

	String sign(String id, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static byte[] keyBytes(Secret secret) {
		String text = secret.reveal();
		if (!text.startsWith(PREFIX)) {
			return secret.bytes();
		}
		try {
			return Base64.getDecoder().decode(text.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			// the message must not quote the secret
			throw new InvalidInputException("tagrelay.webhook.secret starts with whsec_ but is not base64 after it");
		}
	}

	@Override
	public String toString() {
		return "WebhookSigner[secret]";
	}

}
