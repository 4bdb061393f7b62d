package org.timesmith.analysis.session;

/**
 * Timesketch's {@code web_activity_sessionizer}: browser history events ({@code
 * source_short:WEBHIST}) in sessions split by gaps of more than ten minutes ({@code
 * session_id.web_activity}): one browsing session each.
 */
public final class WebActivitySessionizer extends TimeGapSessionizer {

    public WebActivitySessionizer() {
        super("source_short:\"WEBHIST\"", "web_activity", 600);
    }

    @Override
    public String name() {
        return "web_activity_sessionizer";
    }

    @Override
    public String displayName() {
        return "Web activity sessions";
    }

    @Override
    public String description() {
        return "Web activity events are grouped in sessions based on the time difference between them";
    }
}
