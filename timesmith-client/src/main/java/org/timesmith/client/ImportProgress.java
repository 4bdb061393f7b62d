package org.timesmith.client;

/**
 * Where an import stands: events accepted so far, bytes of the current file read, its size (0
 * when not reading a file), events rejected on this side, and batches or chunks uploaded.
 */
public record ImportProgress(long eventsAdded, long bytesRead, long fileSize, long rejected, long uploads) {
}
