package org.timesmith.analysis.gcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tags of security-relevant Google Cloud API methods (the {@code methodName} of an audit log
 * entry), by the end of the method name, as Timesketch's GCP analyzers give them.
 */
final class MethodTags {

    static final Map<String, String> BY_SUFFIX = Map.of(
            "CreateServiceAccount", "service-account-created",
            "CreateServiceAccountKey", "service-account-key-created",
            "SetIamPolicy", "iam-policy-changed",
            "compute.instances.insert", "gce-instance-created",
            "compute.firewalls.insert", "fw-rule-created",
            "compute.networks.insert", "network-created",
            "compute.projects.setCommonInstanceMetadata", "compute-metadata-changed",
            "compute.instances.setMetadata", "compute-metadata-changed");

    /** The service key analyzer's method fragments (contained anywhere in the name). */
    static final Map<String, String> SERVICE_KEY = Map.of(
            "CreateServiceAccount", "service-account-created",
            "compute.instances.insert", "gce-instance-created",
            "compute.firewalls.insert", "fw-rule-created",
            "compute.networks.insert", "network-created");

    private MethodTags() {
    }

    static List<String> endingIn(String method) {
        List<String> tags = new ArrayList<>();
        BY_SUFFIX.forEach((suffix, tag) -> {
            if (method.endsWith(suffix) && !tags.contains(tag)) {
                tags.add(tag);
            }
        });
        tags.sort(null);
        return tags;
    }

    static List<String> containing(String method) {
        List<String> tags = new ArrayList<>();
        SERVICE_KEY.forEach((fragment, tag) -> {
            if (method.contains(fragment)) {
                tags.add(tag);
            }
        });
        tags.sort(null);
        return tags;
    }
}
