package org.timesmith.analysis.llm.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.timesmith.analysis.EventValues;
import org.timesmith.analysis.windows.EvtxEventData;
import org.timesmith.core.search.StoredEvent;

/**
 * Reading what the agent's rules need out of an event, whichever importer brought it in: a field
 * of the event (CSV, JSONL, extracted by {@code feature_extraction}) or a named value of a Windows
 * record's {@code <EventData>} (plaso's {@code xml_string}).
 */
final class EventFields {

    private EventFields() {
    }

    /** The first of the fields the event has, then the first of the EventData names. */
    static Optional<String> text(StoredEvent event, List<String> fields, List<String> eventData) {
        for (String field : fields) {
            Optional<String> value = EventValues.text(event.source().get(field));
            if (value.isPresent()) {
                return value;
            }
        }
        for (String name : eventData) {
            Optional<String> value = EvtxEventData.value(event, name).flatMap(EventValues::text);
            if (value.isPresent() && !value.get().equals("-")) {
                return value;
            }
        }
        return Optional.empty();
    }

    static OptionalLong eventId(StoredEvent event) {
        return EventValues.number(event.source().get("event_identifier"));
    }

    static String message(StoredEvent event) {
        return EventValues.text(event.source().get("message")).orElse("");
    }

    static String sourceName(StoredEvent event) {
        return text(event, List.of("source_name", "provider", "channel"), List.of()).orElse("");
    }

    /** The event's {@code tag} list (a single string counts as one tag). */
    static List<String> tags(StoredEvent event) {
        Object tag = event.source().get("tag");
        List<String> tags = new ArrayList<>();
        if (tag instanceof List<?> list) {
            list.forEach(t -> EventValues.text(t).ifPresent(tags::add));
        } else {
            EventValues.text(tag).ifPresent(tags::add);
        }
        return tags;
    }

    /** The event's time in seconds (from {@code timestamp}, microseconds). */
    static long seconds(StoredEvent event) {
        return event.timestamp() / 1_000_000;
    }

    static String datetime(StoredEvent event) {
        return EventValues.text(event.source().get("datetime")).orElse(java.time.Instant.ofEpochSecond(seconds(event)).toString());
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    static String excerpt(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }
}
