package org.timesmith.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Simulates a node dying in the middle of an import, shared by the event stores of every node of a
 * test. Once armed (again after each crash), the first import writer (on whichever node) that reaches {@code afterEvents}
 * events flushes them to the store and then freezes its worker thread: from then on that attempt
 * writes nothing and updates no state, as if its process had been killed, and it ignores
 * interrupts (a dead process does not run shutdown code). {@link #release()} lets the frozen thread
 * end with {@link SimulatedCrash} at the end of the test. Also records every import writer that
 * closed normally, so a test can tell which node finished the work.
 */
final class ImportCrash {

    /** Ends a frozen worker thread; an {@link Error}, so no import code treats it as a failed import. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash of a Timesmith node");
        }
    }

    /** A writer that closed normally: the node it ran on and the events it wrote. */
    record Completed(String node, long events) {
    }

    private final long afterEvents;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final BlockingQueue<String> crashedNodes = new LinkedBlockingQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Completed> completed = new CopyOnWriteArrayList<>();

    ImportCrash(long afterEvents) {
        this.afterEvents = afterEvents;
    }

    void arm() {
        armed.set(true);
    }

    /** Called by a node's writer after each event it accepted. */
    void written(String node, long events, Runnable flush) {
        if (events == afterEvents && armed.compareAndSet(true, false)) {
            flush.run();
            crashedNodes.add(node);
            freeze();
        }
    }

    void closed(String node, long events) {
        completed.add(new Completed(node, events));
    }

    /** The node of the next worker that froze (in the order they froze), once one has. */
    Optional<String> awaitCrash(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(crashedNodes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    List<Completed> completed() {
        return List.copyOf(completed);
    }

    void release() {
        released.countDown();
    }

    private void freeze() {
        boolean interrupted = false;
        while (true) {
            try {
                released.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throw new SimulatedCrash();
    }
}
