package org.timesmith.server.analysis;

import java.util.Optional;

/**
 * One analyzer's run on one timeline, inside an analysis session. Status: {@link #PENDING},
 * {@link #STARTED}, {@link #DONE} or {@link #ERROR}; {@code result} is the analyzer's summary (or
 * what went wrong) once it has finished, {@code resultDetails} the JSON of the structured
 * {@link org.timesmith.analysis.AnalysisResult}; {@code parameters} is the JSON string of its kwargs;
 * {@code progress} the fraction done last reported (negative: unknown).
 */
public record Analysis(long id, long sessionId, long sketchId, long timelineId, long userId, String analyzerName,
                       String description, String parameters, String status, Optional<String> result, String log,
                       long eventsDone, double progress, Optional<String> resultDetails, String createdAt,
                       String updatedAt) {

    public static final String PENDING = "PENDING";
    public static final String STARTED = "STARTED";
    public static final String DONE = "DONE";
    public static final String ERROR = "ERROR";
}
