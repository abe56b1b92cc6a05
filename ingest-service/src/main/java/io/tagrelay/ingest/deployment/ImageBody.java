package io.tagrelay.ingest.deployment;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * kube-update-api's request: the image to set.
 *
 * @param image the full image reference
 */
record ImageBody(@JsonProperty("Image") String image) {
}
