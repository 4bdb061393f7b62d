package org.timesmith.server.analysis;

import java.util.List;
import java.util.Map;
import org.timesmith.server.timeline.Timeline;

/**
 * What the analysis service takes and answers, as typed values; {@link AnalysisJson} decodes the
 * run request from the wire and gives the answers Timesketch's shapes.
 */
final class AnalysisRuns {

    private AnalysisRuns() {
    }

    /**
     * A request to run analyzers (§8.1).
     *
     * @param timelineIds   the timelines to run on, as sent (repeats allowed; the service runs each once)
     * @param analyzerNames names or patterns of analyzers, at least one
     * @param kwargs        per analyzer name, its keyword arguments as a JSON object's text
     * @param force         run again what has run on a timeline already
     */
    record Request(List<Long> timelineIds, List<String> analyzerNames, Map<String, String> kwargs, boolean force) {
        Request {
            timelineIds = List.copyOf(timelineIds);
            analyzerNames = List.copyOf(analyzerNames);
            kwargs = Map.copyOf(kwargs);
        }

        /** The keyword arguments for one analyzer, {@code {}} when the request gives none. */
        String kwargsOf(String analyzer) {
            return kwargs.getOrDefault(analyzer, "{}");
        }
    }

    /** A session with the analyses it holds (those a request just created, or all of them). */
    record SessionRun(AnalysisRepository.Session session, List<Analysis> analyses) {
        SessionRun {
            analyses = List.copyOf(analyses);
        }
    }

    /** A timeline's analyses, oldest first. */
    record OfTimeline(Timeline timeline, List<Analysis> analyses) {
        OfTimeline {
            analyses = List.copyOf(analyses);
        }
    }

    /**
     * The sketch's active sessions: those with an analysis still PENDING or STARTED.
     *
     * @param counts analyses of those sessions by status, every status named (0 for none)
     */
    record Active(Map<String, Long> counts, List<SessionRun> sessions) {
        Active {
            sessions = List.copyOf(sessions);
        }
    }
}
