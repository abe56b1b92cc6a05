package io.tagrelay.model.image;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tagrelay.model.Printable;

/**
 * A parsed container image reference: {@code [registry/]path[:tag][@digest]}, normalised
 * the way the Docker distribution reference grammar does it ({@code docker.io} when no
 * registry is given, {@code library/} for a single-component path on Docker Hub), with
 * the registry host in lower case.
 *
 * @param registry the registry host, with a port if one was given (never empty)
 * @param path the repository path inside the registry, lower case
 * @param tag the tag, or {@code null}
 * @param digest the digest ({@code algorithm:hex}), or {@code null}
 */
public record ImageReference(String registry, String path, String tag, String digest) {

	/** The registry used when a reference names none. */
	public static final String DEFAULT_REGISTRY = "docker.io";

	private static final int MAX_LENGTH = 4096;

	/** The longest repository name the distribution grammar allows. */
	private static final int NAME_MAX_LENGTH = 255;

	private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

	private static final Pattern HOST = Pattern
		.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
				+ "|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?");

	// an image id, which the distribution grammar refuses as a name to avoid ambiguity
	private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

	private static final Pattern REFERENCE = Pattern.compile("([^@]*?)(?::([^:/@]+))?(?:@([^@]+))?");

	/**
	 * How many repository names {@link #parseRepository} remembers: a push names its
	 * repository several times on its way (the payload, the parsed push, the event), and
	 * the same few repositories push again and again. Past this many the names are
	 * forgotten at once, so that names sent to a public endpoint cannot grow it.
	 */
	private static final int REPOSITORIES_KEPT = 1024;

	private static final Map<String, ImageReference> REPOSITORIES = new ConcurrentHashMap<>();

	public ImageReference {
		Objects.requireNonNull(registry, "registry");
		Objects.requireNonNull(path, "path");
		if (!HOST.matcher(registry).matches()) {
			throw new InvalidReferenceException("invalid registry host '" + Printable.of(registry) + "'");
		}
		for (String component : path.split("/", -1)) {
			if (!COMPONENT.matcher(component).matches()) {
				throw new InvalidReferenceException("invalid repository path '" + Printable.of(path) + "'");
			}
		}
		if (tag != null && !Tags.isValid(tag)) {
			throw new InvalidReferenceException("invalid tag '" + Printable.of(tag) + "'");
		}
		// only digests a runtime could pull, so that one is refused here rather than
		// after the patch
		if (digest != null && !Digests.isValid(digest)) {
			throw new InvalidReferenceException("invalid digest '" + Printable.of(digest) + "'");
		}
		if (registry.length() + 1 + path.length() > NAME_MAX_LENGTH) {
			throw new InvalidReferenceException("repository name is longer than " + NAME_MAX_LENGTH + " characters");
		}
	}

	/**
	 * Parses an image reference such as {@code quay.io/acme/web:1.2.3},
	 * {@code nginx@sha256:...} or {@code localhost:5000/app}.
	 * @param reference the reference as written in a pod spec
	 * @return the normalised reference
	 * @throws InvalidReferenceException if the text is not a valid reference
	 */
	public static ImageReference parse(String reference) {
		if (reference == null || reference.isEmpty()) {
			throw new InvalidReferenceException("image reference is empty");
		}
		if (reference.length() > MAX_LENGTH) {
			throw new InvalidReferenceException("image reference is longer than " + MAX_LENGTH + " characters");
		}
		if (!reference.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)) {
			throw new InvalidReferenceException(
					"image reference '" + Printable.of(reference) + "' holds a control or non-ASCII character");
		}
		if (IDENTIFIER.matcher(reference).matches()) {
			throw new InvalidReferenceException("an image id is not an image reference");
		}
		Matcher matcher = REFERENCE.matcher(reference);
		if (!matcher.matches() || matcher.group(1).isEmpty()) {
			throw new InvalidReferenceException("invalid image reference '" + Printable.of(reference) + "'");
		}
		String name = matcher.group(1);
		String registry = DEFAULT_REGISTRY;
		String path = name;
		int slash = name.indexOf('/');
		if (slash > 0 && isRegistry(name.substring(0, slash))) {
			registry = name.substring(0, slash);
			path = name.substring(slash + 1);
		}
		registry = canonicalRegistry(registry);
		if (registry.equals("index.docker.io")) {
			registry = DEFAULT_REGISTRY;
		}
		if (registry.equals(DEFAULT_REGISTRY) && path.indexOf('/') < 0) {
			path = "library/" + path;
		}
		return new ImageReference(registry, path, matcher.group(2), matcher.group(3));
	}

	/**
	 * Parses a repository name without tag or digest, such as Quay's {@code docker_url}.
	 * @param repository the repository, e.g. {@code quay.io/acme/web}
	 * @return the normalised reference, without tag or digest
	 * @throws InvalidReferenceException if it is not a repository name
	 */
	public static ImageReference parseRepository(String repository) {
		ImageReference known = (repository != null) ? REPOSITORIES.get(repository) : null;
		if (known != null) {
			return known;
		}
		ImageReference reference = parse(repository);
		if (reference.tag() != null || reference.digest() != null) {
			throw new InvalidReferenceException(
					"'" + Printable.of(repository) + "' names a tag or digest, not a repository");
		}
		if (REPOSITORIES.size() >= REPOSITORIES_KEPT) {
			REPOSITORIES.clear();
		}
		REPOSITORIES.put(repository, reference);
		return reference;
	}

	// Host names are case-insensitive, so a registry is lower-cased, except a dotless one
	// recognised only by its upper case ("Acme/web"), which would otherwise read back as
	// a Docker Hub path and change the repository's meaning.
	private static String canonicalRegistry(String registry) {
		String lower = registry.toLowerCase(Locale.ROOT);
		return isRegistry(lower) ? lower : registry;
	}

	private static boolean isRegistry(String component) {
		return component.contains(".") || component.contains(":") || component.equals("localhost")
				|| !component.equals(component.toLowerCase(Locale.ROOT));
	}

	/**
	 * The canonical repository name, {@code registry/path}, which is how targets and
	 * events name a repository.
	 * @return the repository name
	 */
	public String repository() {
		return this.registry + "/" + this.path;
	}

	/**
	 * Whether this image comes from the given repository.
	 * @param other a repository
	 * @return true if registry and path are equal
	 */
	public boolean isFrom(ImageReference other) {
		return this.registry.equals(other.registry) && this.path.equals(other.path);
	}

	/**
	 * This repository with the given tag and no digest.
	 * @param newTag the tag
	 * @return a new reference
	 */
	public ImageReference withTag(String newTag) {
		return new ImageReference(this.registry, this.path, newTag, null);
	}

	/**
	 * Whether this reference pins a digest, in which case its tag (if any) is
	 * informational.
	 * @return true if a digest is set
	 */
	public boolean isPinnedByDigest() {
		return this.digest != null;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(repository());
		if (this.tag != null) {
			text.append(':').append(this.tag);
		}
		if (this.digest != null) {
			text.append('@').append(this.digest);
		}
		return text.toString();
	}

}
