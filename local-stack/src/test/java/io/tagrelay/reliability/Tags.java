package io.tagrelay.reliability;

import java.util.List;

import org.semver4j.Semver;

/**
 * Reading the tags of image sequences.
 */
final class Tags {

	private Tags() {
	}

	static String tag(String image) {
		return image.substring(image.lastIndexOf(':') + 1);
	}

	/**
	 * Whether every image's tag is greater (semver) than the one before.
	 * @param images images, oldest first
	 * @return true if there was never a downgrade nor a repeat
	 */
	static boolean strictlyIncreasing(List<String> images) {
		for (int i = 1; i < images.size(); i++) {
			if (!new Semver(tag(images.get(i))).isGreaterThan(new Semver(tag(images.get(i - 1))))) {
				return false;
			}
		}
		return true;
	}

}
