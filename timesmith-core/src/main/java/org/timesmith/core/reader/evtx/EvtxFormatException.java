package org.timesmith.core.reader.evtx;

/**
 * A chunk or record that breaks the EVTX format (a bad token, a size past its end, an unknown value
 * type). Unchecked, because it is always caught at the record or chunk it concerns and turned into a
 * counted rejection there, so the rest of the file still reads.
 */
public final class EvtxFormatException extends RuntimeException {

    public EvtxFormatException(String message) {
        super(message);
    }
}
