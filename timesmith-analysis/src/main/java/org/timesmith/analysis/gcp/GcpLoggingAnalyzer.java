package org.timesmith.analysis.gcp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.support.Annotations;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's GCP logging analyzer over Google Cloud audit logs ({@code data_type:"gcp:log:json"}):
 * tags security-relevant methods ({@link MethodTags}: {@code service-account-created},
 * {@code iam-policy-changed}, {@code gce-instance-created} …) and actions of default compute service
 * accounts ({@code default-service-account}); collects the identities ({@code principalEmail}) and
 * the resources by type ({@code gcp_instances} …), which Timesketch keeps as sketch attributes and
 * Timesmith reports in the log and counts; and saves a search per identity ("GCP User …").
 */
public final class GcpLoggingAnalyzer implements Analyzer {

    public static final String NAME = "gcp_logging";
    private static final Pattern DEFAULT_ACCOUNT = Pattern.compile("\\d{12}-compute@developer\\.gserviceaccount\\.com");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Google Cloud Logging Analyzer";
    }

    @Override
    public String description() {
        return "Extract features and tag security relevant actions in Google Cloud Logging";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Set<String> users = new TreeSet<>();
        Map<String, Set<String>> resources = new TreeMap<>();
        Annotations annotations = new Annotations();
        long events = 0;
        try (EventStream stream = context.stream("data_type:\"gcp:log:json\"", List.of("principalEmail", "methodName", "resourceName"))) {
            while (stream.hasNext()) {
                StoredEvent event = stream.next();
                events++;
                EventRef ref = EventRef.of(event);
                if (event.source().get("principalEmail") instanceof String email && !email.isBlank()) {
                    users.add(email);
                    if (DEFAULT_ACCOUNT.matcher(email).matches()) {
                        annotations.tag(ref, List.of("default-service-account"));
                    }
                }
                if (event.source().get("resourceName") instanceof String resource && resource.contains("/")) {
                    String[] parts = resource.split("/");
                    if (parts.length >= 2) {
                        resources.computeIfAbsent("gcp_" + parts[parts.length - 2], t -> new TreeSet<>()).add(parts[parts.length - 1]);
                    }
                }
                if (event.source().get("methodName") instanceof String method) {
                    annotations.tag(ref, MethodTags.endingIn(method));
                }
            }
        }
        long tagged = annotations.events();
        annotations.commit(context);
        if (!users.isEmpty()) {
            context.log("gcp_identities: " + users);
        }
        resources.forEach((type, names) -> context.log(type + ": " + names));
        users.forEach(user -> context.addSavedSearch("GCP User " + user, "principalEmail:\"" + user + "\"",
                "Created by the GCP logging analyzer"));
        String summary = "GCP logging analyzer completed with " + resources.size() + " resource types extracted.";
        AnalyzerOutcome outcome = (events > 0 ? AnalyzerOutcome.success(summary) : AnalyzerOutcome.noFindings(summary))
                .count("gcp_events", events).count("gcp_events_tagged", tagged).count("gcp_identities", users.size())
                .count("resource_types", resources.size());
        for (Map.Entry<String, Set<String>> e : resources.entrySet()) {
            outcome = outcome.count(e.getKey(), e.getValue().size());
        }
        return outcome;
    }
}
