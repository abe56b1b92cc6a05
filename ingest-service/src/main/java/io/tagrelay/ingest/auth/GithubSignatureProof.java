package io.tagrelay.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tagrelay.ingest.problem.Problems;
import io.tagrelay.ingest.source.WebhookPath;
import io.tagrelay.model.Secret;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.ErrorResponseException;

/**
 * GitHub's signature of a webhook: {@code X-Hub-Signature-256: sha256=<hex>}, the
 * HMAC-SHA256 of the raw body with the webhook's secret. The header's form is checked
 * before the body is read, the signature once the body is read within the size limit, so
 * a caller without the secret never makes the ingest buffer more than the limit.
 */
final class GithubSignatureProof implements Proof {

	static final String HEADER = "X-Hub-Signature-256";

	private static final String ALGORITHM = "HmacSHA256";

	private static final Pattern FORM = Pattern.compile("sha256=[0-9a-fA-F]{64}");

	private static final String CHALLENGE = "HMAC-SHA256 realm=\"tagrelay\"";

	private final SecretKeySpec key;

	GithubSignatureProof(Secret secret) {
		this.key = new SecretKeySpec(secret.bytes(), ALGORITHM);
	}

	@Override
	public ErrorResponseException refusal(HttpServletRequest request, WebhookPath path) {
		String signature = Proof.single(request, HEADER);
		return (signature != null && FORM.matcher(signature).matches()) ? null : unsigned();
	}

	@Override
	public boolean signsBody() {
		return true;
	}

	@Override
	public ErrorResponseException refusal(byte[] body, HttpServletRequest request) {
		String presented = Proof.single(request, HEADER).toLowerCase(Locale.ROOT);
		byte[] expected = ("sha256=" + HexFormat.of().formatHex(sign(body))).getBytes(StandardCharsets.US_ASCII);
		boolean valid = MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
		return valid ? null : unsigned();
	}

	private byte[] sign(byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			// every JDK has HmacSHA256
			throw new IllegalStateException(ex);
		}
	}

	private static ErrorResponseException unsigned() {
		return Problems.unauthorized("the request needs GitHub's '" + HEADER
				+ ": sha256=<hex>' header, the HMAC-SHA256 of the body with the webhook's secret", CHALLENGE);
	}

}
