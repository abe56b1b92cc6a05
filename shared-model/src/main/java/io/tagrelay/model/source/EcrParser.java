package io.tagrelay.model.source;

import java.util.List;

import io.tagrelay.model.InvalidInputException;
import io.tagrelay.model.Printable;

/**
 * Reads AWS ECR's "ECR Image Action" event as an EventBridge API destination delivers it:
 * a successful {@code PUSH} names {@code detail.repository-name},
 * {@code detail.image-tag} and {@code detail.image-digest}, on the registry
 * {@code <account>.dkr.ecr.<region>.amazonaws.com} ({@code .amazonaws.com.cn} in China).
 * Failed pushes, deletes, pushes by digest and other events announce nothing.
 */
final class EcrParser implements SourceParser {

	private static final String IMAGE_ACTION = "ECR Image Action";

	@Override
	public Announcement parse(byte[] body, RequestHeaders headers) {
		Field root = Field.root(body);
		String type = root.get("detail-type").requiredText();
		if (!type.equals(IMAGE_ACTION)) {
			return new Announcement.Nothing(
					"EventBridge's event '" + Printable.of(type) + "' is not an ECR Image Action");
		}
		Field detail = root.get("detail");
		String action = detail.get("action-type").requiredText();
		if (!action.equals("PUSH")) {
			return new Announcement.Nothing("ECR's action '" + Printable.of(action) + "' is not a push");
		}
		if (!"SUCCESS".equals(detail.get("result").text())) {
			return new Announcement.Nothing("ECR announced a push that failed");
		}
		String tag = detail.get("image-tag").text();
		if (tag == null || tag.isEmpty()) {
			return new Announcement.Nothing("ECR announced a push by digest, without a tag");
		}
		String digest = detail.get("image-digest").text();
		return new Announcement.Pushes(
				List.of(new Pushed(host(root) + "/" + detail.get("repository-name").requiredText(), List.of(tag),
						(digest == null || digest.isEmpty()) ? null : digest)));
	}

	private static String host(Field root) {
		String account = root.get("account").requiredText();
		String region = root.get("region").requiredText();
		if (!account.matches("[0-9]{12}") || !region.matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
			throw new InvalidInputException("account or region is not an AWS account id or region");
		}
		// the China regions have a domain of their own
		return account + ".dkr.ecr." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
	}

}
