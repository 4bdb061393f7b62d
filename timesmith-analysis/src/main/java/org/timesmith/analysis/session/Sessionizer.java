package org.timesmith.analysis.session;

/**
 * Timesketch's {@code sessionizer}: all events of the timeline in sessions split by gaps of more
 * than five minutes ({@code session_id.all_events}), so bursts of activity can be browsed one by
 * one.
 */
public final class Sessionizer extends TimeGapSessionizer {

    public Sessionizer() {
        super("*", "all_events", 300);
    }

    @Override
    public String name() {
        return "sessionizer";
    }

    @Override
    public String displayName() {
        return "Time based sessions";
    }

    @Override
    public String description() {
        return "Events are grouped in sessions based on the time difference between them";
    }
}
