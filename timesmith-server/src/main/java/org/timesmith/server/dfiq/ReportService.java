package org.timesmith.server.dfiq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.annotation.EventAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Times;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.dfiq.DfiqRecords.Conclusion;
import org.timesmith.server.dfiq.DfiqRecords.ConclusionEvent;
import org.timesmith.server.dfiq.DfiqRecords.Facet;
import org.timesmith.server.dfiq.DfiqRecords.Question;
import org.timesmith.server.dfiq.DfiqRecords.Scenario;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;

/**
 * Builds the {@link InvestigationReport} of a sketch: every question (each scenario's own and its
 * facets' questions, then the questions of no scenario), with priority, status and conclusions, and
 * the events each conclusion rests on read from the store. Facts are read only through
 * {@link EventAccess}, so an event the sketch no longer shows is reported as missing, never read
 * from another sketch. The caller has checked read access.
 */
@Service
public class ReportService {

    private static final String PRIORITY_PREFIX = "__ts_priority_";

    private final DfiqRepository repository;
    private final EventAccess eventAccess;
    private final TimelineRepository timelines;
    private final UserRepository users;
    private final Times times;

    public ReportService(DfiqRepository repository, EventAccess eventAccess, TimelineRepository timelines,
                         UserRepository users, Times times) {
        this.repository = repository;
        this.eventAccess = eventAccess;
        this.timelines = timelines;
        this.users = users;
        this.times = times;
    }

    public InvestigationReport report(SketchAccess access) {
        long sketchId = access.sketchId();
        Facts facts = new Facts(access);
        List<InvestigationReport.Section> sections = new ArrayList<>();
        for (Scenario scenario : repository.scenarios(sketchId, Optional.empty())) {
            List<InvestigationReport.QuestionEntry> questions = new ArrayList<>();
            for (Question q : repository.scenarioQuestions(sketchId, scenario.id())) {
                questions.add(entry(q, Optional.empty(), facts));
            }
            for (Facet facet : repository.facets(sketchId, scenario.id())) {
                for (Question q : repository.facetQuestions(sketchId, facet.id())) {
                    questions.add(entry(q, Optional.of(facet.text().displayName()), facts));
                }
            }
            sections.add(new InvestigationReport.Section(Optional.of(scenario.text().displayName()), questions));
        }
        List<InvestigationReport.QuestionEntry> orphans = repository.orphanQuestions(sketchId).stream()
                .map(q -> entry(q, Optional.empty(), facts)).toList();
        if (!orphans.isEmpty() || sections.isEmpty()) {
            sections.add(new InvestigationReport.Section(Optional.empty(), orphans));
        }
        return new InvestigationReport(sketchId, access.sketch().name(), times.now(), access.user().username(), sections);
    }

    private InvestigationReport.QuestionEntry entry(Question q, Optional<String> facet, Facts facts) {
        Optional<String> priority = repository.labels(q.id()).stream().map(DfiqRecords.Label::label)
                .filter(l -> l.startsWith(PRIORITY_PREFIX)).map(l -> l.substring(PRIORITY_PREFIX.length())).findFirst();
        List<InvestigationReport.ConclusionEntry> conclusions = repository.conclusions(q.sketchId(), q.id()).stream()
                .map(c -> conclusion(c, facts)).toList();
        return new InvestigationReport.QuestionEntry(q.id(), q.text().displayName(), facet, q.text().dfiqIdentifier(),
                q.status(), priority, conclusions);
    }

    private InvestigationReport.ConclusionEntry conclusion(Conclusion c, Facts facts) {
        List<ConclusionEvent> linked = repository.conclusionEvents(c.id());
        List<InvestigationReport.FactEvent> events = linked.stream().limit(InvestigationReport.MAX_EVENTS_PER_CONCLUSION)
                .map(facts::read).sorted(java.util.Comparator.comparing(InvestigationReport.FactEvent::datetime)).toList();
        Optional<String> author = c.userId().flatMap(users::byId).map(User::username);
        return new InvestigationReport.ConclusionEntry(c.id(), c.conclusion(), author, c.automated(), c.source(),
                Optional.of(c.status()).filter(s -> !s.isEmpty()), Optional.of(c.priority()).filter(s -> !s.isEmpty()),
                events, Math.max(0, linked.size() - InvestigationReport.MAX_EVENTS_PER_CONCLUSION));
    }

    /** Reads fact events once each, checked against the sketch's indices and timelines. */
    private final class Facts {
        private final SketchAccess access;
        private Map<String, Set<Long>> indices;
        private final Map<Long, String> timelineNames = new HashMap<>();

        Facts(SketchAccess access) {
            this.access = access;
            for (Timeline t : timelines.timelines(access.sketchId())) {
                timelineNames.put(t.id(), t.name());
            }
        }

        InvestigationReport.FactEvent read(ConclusionEvent ref) {
            if (indices == null) {
                indices = eventAccess.indices(access);
            }
            StoredEvent event;
            try {
                event = eventAccess.require(access, indices, ref.searchindexName(), ref.documentId());
            } catch (ApiException e) {
                return new InvestigationReport.FactEvent(ref.searchindexName(), ref.documentId(), false, "", "", "");
            }
            Map<String, Object> source = event.source();
            String timeline = source.get("__ts_timeline_id") instanceof Number n
                    ? timelineNames.getOrDefault(n.longValue(), event.index()) : event.index();
            return new InvestigationReport.FactEvent(event.index(), event.id(), true, text(source.get("datetime")),
                    text(source.get("message")), timeline);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
