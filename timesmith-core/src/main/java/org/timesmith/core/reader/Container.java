package org.timesmith.core.reader;

import java.util.Arrays;
import java.util.Optional;

/**
 * The binary containers detection knows by their first bytes. Binary formats name the containers
 * they are stored in ({@link ReaderProvider#containers()}); a file in a container that none of them
 * recognises is refused with the container's {@link #description()}, and a gzip-compressed one is
 * refused outright (only text formats may be compressed), named by its {@link #compressedLabel()}.
 */
public enum Container {
    SQLITE(Magic.SQLITE, "an SQLite database", "SQLite/plaso"),
    ZIP(Magic.ZIP, "a ZIP archive", "ZIP/XLSX"),
    OLE2(Magic.OLE2, "an OLE2 compound file", "XLS"),
    EVTX(Magic.EVTX, "a file with the Windows event log signature", "EVTX");

    private final byte[] magic;
    private final String description;
    private final String compressedLabel;

    Container(byte[] magic, String description, String compressedLabel) {
        this.magic = magic;
        this.description = description;
        this.compressedLabel = compressedLabel;
    }

    /** "an SQLite database", for "… but not a plaso storage file". */
    public String description() {
        return description;
    }

    /** What a gzip-compressed file of this container is called in the refusal. */
    public String compressedLabel() {
        return compressedLabel;
    }

    /** The container the bytes start with, if any. */
    static Optional<Container> of(byte[] head) {
        return Arrays.stream(values()).filter(c -> Magic.startsWith(head, head.length, c.magic)).findFirst();
    }
}
