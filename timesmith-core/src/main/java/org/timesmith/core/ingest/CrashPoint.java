package org.timesmith.core.ingest;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Named places in an import where a crash test stops the process, so that its {@code kill -9}
 * lands exactly there and not wherever a timer happens to fall. Started with the system property
 * {@code timesmith.crashpoint=<name>}, the {@code timesmith.crashpoint.after}-th thread (default the
 * first) that reaches that point prints {@link #MARKER}{@code <name>} on standard output and then
 * waits forever, ignoring interrupts as a killed process would; the test kills the process while it
 * waits. Without the property (every real deployment) a point is one comparison of a constant.
 *
 * <p>The points: {@link #STAGING} (a chunk's bytes written to the staged file, its row not yet
 * recorded), {@link #INDEXING} (after some events were added and flushed to the store, the rest not),
 * {@link #COMMIT} (every event added to the store, the final flush and commit not yet done) and
 * {@link #READY} (the store has committed every event, the import's outcome is not yet recorded).
 */
public final class CrashPoint {

    public static final String PROPERTY = "timesmith.crashpoint";
    public static final String AFTER_PROPERTY = "timesmith.crashpoint.after";
    /** What a process prints, followed by the point's name, when it stops at a point. */
    public static final String MARKER = "timesmith crashpoint reached: ";

    public static final String STAGING = "staging";
    public static final String INDEXING = "indexing";
    public static final String COMMIT = "commit";
    public static final String READY = "ready";

    private static final String ARMED = System.getProperty(PROPERTY, "");
    private static final long AFTER = Math.max(1, Long.getLong(AFTER_PROPERTY, 1));
    private static final AtomicLong REACHED = new AtomicLong();

    private CrashPoint() {
    }

    /** Stops here for good if the process was started to crash at {@code name}, this being the chosen pass. */
    public static void reach(String name) {
        if (due(name)) {
            hold(name);
        }
    }

    /**
     * Whether the process was started to crash at {@code name} and this is the chosen pass; a caller
     * that gets {@code true} prepares what must be on disk before the crash, then calls {@link #hold}.
     */
    public static boolean due(String name) {
        return !ARMED.isEmpty() && ARMED.equals(name) && REACHED.incrementAndGet() == AFTER;
    }

    /** Announces the point on standard output and blocks the calling thread until the process is killed. */
    public static void hold(String name) {
        PrintStream out = System.out;
        out.println(MARKER + name);
        out.flush();
        Object never = new Object();
        while (true) {
            synchronized (never) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // a killed process runs no shutdown code: keep waiting for the kill
                }
            }
        }
    }
}
