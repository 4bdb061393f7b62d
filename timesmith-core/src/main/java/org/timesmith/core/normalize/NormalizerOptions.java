package org.timesmith.core.normalize;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * How records of one data source become events.
 *
 * @param dataSourceId         stable id of the data source; with the record number it makes event ids
 * @param timelineId           written to {@code __ts_timeline_id}
 * @param defaultZone          zone of naive date-times (no offset in the value)
 * @param messageFormat        Python {@code str.format} string building {@code message} when a record has none
 * @param timestampDescription {@code timestamp_desc} for records that lack one
 * @param headersMapping       renames input fields (input name → Timesketch name) before anything else
 * @param maxValueChars        longest accepted string value; longer values reject the record
 * @param maxFields            most fields one event may have (Timesketch's mapping limit is 1000)
 */
public record NormalizerOptions(String dataSourceId, long timelineId, ZoneId defaultZone,
                                Optional<String> messageFormat, Optional<String> timestampDescription,
                                Map<String, String> headersMapping, int maxValueChars, int maxFields) {

    public static final int DEFAULT_MAX_VALUE_CHARS = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_FIELDS = 1000;

    public NormalizerOptions {
        headersMapping = Map.copyOf(headersMapping);
    }

    public static NormalizerOptions defaults(String dataSourceId, long timelineId) {
        return new NormalizerOptions(dataSourceId, timelineId, ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                Map.of(), DEFAULT_MAX_VALUE_CHARS, DEFAULT_MAX_FIELDS);
    }
}
