package org.timesmith.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThreadPriorityTest {

    /** The calling thread's nice value, from Linux's {@code /proc/thread-self/stat} (field 19). */
    private static int nice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void onLinux() {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
    }

    @Test
    void aBackgroundThreadGetsTheNiceValueAndOnlyIt() throws InterruptedException {
        onLinux();
        int before = nice();
        assumeTrue(before < ThreadPriority.NICE, "the tests already run with a lower priority");
        AtomicBoolean lowered = new AtomicBoolean();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        Thread background = Thread.ofPlatform().start(() -> {
            lowered.set(ThreadPriority.background());
            inside.set(nice());
            Thread child = Thread.ofPlatform().start(() -> started.set(nice()));
            try {
                child.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        background.join();
        assertThat(lowered).isTrue();
        assertThat(inside.get()).isEqualTo(ThreadPriority.NICE);
        assertThat(started.get()).as("threads it starts inherit it").isEqualTo(inside.get());
        assertThat(nice()).as("the caller is untouched").isEqualTo(before);
    }

    @Test
    void aVirtualThreadIsLeftAlone() throws InterruptedException {
        onLinux();
        AtomicBoolean lowered = new AtomicBoolean(true);
        Thread.ofVirtual().start(() -> lowered.set(ThreadPriority.background())).join();
        assertThat(lowered).as("its carrier runs other virtual threads").isFalse();
    }
}
