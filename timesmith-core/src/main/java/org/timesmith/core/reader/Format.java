package org.timesmith.core.reader;

import java.util.Locale;

/** The input formats Timesmith reads. {@link #AUTO} detects the format from the content. */
public enum Format {
    AUTO, CSV, JSONL, JSON, L2TCSV, XLSX, XLS, PLASO, ZEEK;

    public static Format parse(String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (normal) {
            case "NDJSON" -> JSONL;
            case "L2T", "L2TCSV" -> L2TCSV;
            case "EXCEL" -> XLSX;
            default -> valueOf(normal);
        };
    }
}
