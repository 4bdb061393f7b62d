package org.timesmith.analysis.gcp;

import java.util.List;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.support.Annotations;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's GCP service key analyzer: actions of service accounts
 * ({@code principalEmail:*gserviceaccount.com}) that create service accounts, instances, firewall
 * rules or networks get {@code service-account-created}, {@code gce-instance-created},
 * {@code fw-rule-created} or {@code network-created}, and a saved search "GCP ServiceKey activity"
 * lists all service account actions.
 */
public final class GcpServiceKeyAnalyzer implements Analyzer {

    public static final String NAME = "gcp_servicekey";
    static final String QUERY = "principalEmail:*gserviceaccount.com";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Google Cloud Service Key Analyzer";
    }

    @Override
    public String description() {
        return "Tag service account actions in Google Cloud audit logs";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Annotations annotations = new Annotations();
        long seen = 0;
        try (EventStream events = context.stream(QUERY, List.of("methodName"))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                seen++;
                if (event.source().get("methodName") instanceof String method) {
                    List<String> tags = MethodTags.containing(method);
                    if (!tags.isEmpty()) {
                        annotations.tag(EventRef.of(event), tags);
                    }
                }
            }
        }
        long tagged = annotations.events();
        annotations.commit(context);
        if (seen > 0) {
            context.addSavedSearch("GCP ServiceKey activity", QUERY, "Created by the GCP service key analyzer");
        }
        String summary = "GCP ServiceKey analyzer completed with " + seen + " service key actions, " + tagged + " tagged";
        return (seen > 0 ? AnalyzerOutcome.success(summary) : AnalyzerOutcome.noFindings(summary))
                .count("service_key_events", seen).count("service_key_events_tagged", tagged);
    }
}
