package org.timesmith.core.reader.evtx;

import org.timesmith.core.reader.WindowsEventXml.Element;

/** What a chunk yields for each event record: the decoded event, or why the record could not be decoded. */
public sealed interface ChunkItem {

    /**
     * A decoded record.
     *
     * @param recordId      the record's event record identifier from its header
     * @param writtenMicros when the record was written (its header's FILETIME), µs since the epoch
     * @param root          the record's root element, normally {@code Event}
     */
    record Event(long recordId, long writtenMicros, Element root) implements ChunkItem {
    }

    /**
     * A record whose bytes break the format; the chunk goes on with the next record.
     *
     * @param recordId the record identifier from its header, or -1 when even the header is unreadable
     * @param reason   a sentence naming the chunk offset and the problem
     */
    record Damaged(long recordId, String reason) implements ChunkItem {
    }
}
