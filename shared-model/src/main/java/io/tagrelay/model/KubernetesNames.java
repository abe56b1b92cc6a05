package io.tagrelay.model;

import java.util.regex.Pattern;

/**
 * The Kubernetes naming rules tagrelay checks before anything reaches the API server:
 * DNS-1123 labels (namespaces, container names) and subdomains (Deployment names).
 */
public final class KubernetesNames {

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private KubernetesNames() {
	}

	/**
	 * Whether the name is a DNS-1123 label: at most 63 lower-case alphanumerics or '-',
	 * starting and ending with an alphanumeric.
	 * @param name the name
	 * @return true if valid
	 */
	public static boolean isLabel(String name) {
		return name != null && name.length() <= 63 && LABEL.matcher(name).matches();
	}

	/**
	 * Whether the name is a DNS-1123 subdomain: at most 253 characters of labels joined
	 * by dots.
	 * @param name the name
	 * @return true if valid
	 */
	public static boolean isSubdomain(String name) {
		if (name == null || name.isEmpty() || name.length() > 253) {
			return false;
		}
		for (String label : name.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns a namespace name if it is valid.
	 * @param namespace the name
	 * @return the name
	 * @throws InvalidInputException if it is not a DNS-1123 label
	 */
	public static String requireNamespace(String namespace) {
		return require(isLabel(namespace), "namespace", namespace);
	}

	/**
	 * Returns a Deployment name if it is valid.
	 * @param deployment the name
	 * @return the name
	 * @throws InvalidInputException if it is not a DNS-1123 subdomain
	 */
	public static String requireDeployment(String deployment) {
		return require(isSubdomain(deployment), "deployment", deployment);
	}

	/**
	 * Returns a container name if it is valid.
	 * @param container the name
	 * @return the name
	 * @throws InvalidInputException if it is not a DNS-1123 label
	 */
	public static String requireContainer(String container) {
		return require(isLabel(container), "container", container);
	}

	private static String require(boolean valid, String what, String name) {
		if (!valid) {
			throw new InvalidInputException(
					"invalid " + what + " name '" + Printable.of(name) + "': not a DNS-1123 name");
		}
		return name;
	}

}
