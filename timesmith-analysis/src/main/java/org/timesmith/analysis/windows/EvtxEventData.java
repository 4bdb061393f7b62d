package org.timesmith.analysis.windows;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.timesmith.core.search.StoredEvent;

/**
 * The named values of a Windows event record's {@code <EventData>} ({@code <Data
 * Name="TargetUserName">alice</Data>}) in plaso's {@code xml_string}: where the logon id, account
 * and source address of a security event are, whatever importer brought the record in.
 */
public final class EvtxEventData {

    private static final Pattern EVENT_DATA = Pattern.compile("<EventData>([\\s\\S]*?)</EventData>");
    private static final Pattern DATA = Pattern.compile("<Data Name=\"([^\"]+)\">([^<]*)</Data>");

    private EvtxEventData() {
    }

    /** The value of {@code <Data Name="name">} in the event's XML, if the event has one. */
    public static Optional<String> value(StoredEvent event, String name) {
        if (!(event.source().get("xml_string") instanceof String xml)) {
            return Optional.empty();
        }
        Matcher block = EVENT_DATA.matcher(xml);
        if (!block.find()) {
            return Optional.empty();
        }
        Matcher data = DATA.matcher(block.group(1));
        while (data.find()) {
            if (data.group(1).equals(name)) {
                return Optional.of(data.group(2));
            }
        }
        return Optional.empty();
    }
}
