package org.timesmith.server.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A tmpfs of a few megabytes mounted on a directory, so that a data directory really runs out of
 * space ("No space left on device" from the kernel, for Lucene, SQLite and the upload staging alike)
 * instead of a simulated error. Mounting needs root; where the test runs without it, {@link #mount}
 * gives nothing and the test is skipped.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code megabytes} on the (existing, empty) directory, if this process may. */
    public static Optional<SmallDisk> mount(Path directory, int megabytes) throws IOException, InterruptedException {
        Process mount;
        try {
            mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
                    directory.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty(); // no mount command here
        }
        mount.getInputStream().readAllBytes();
        return mount.waitFor() == 0 ? Optional.of(new SmallDisk(directory)) : Optional.empty();
    }

    /** Where the tmpfs is mounted. */
    public Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException {
        Process umount = new ProcessBuilder("umount", mountPoint.toString()).redirectErrorStream(true).start();
        String output = new String(umount.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (umount.waitFor() != 0) {
                throw new IOException("cannot unmount the test tmpfs " + mountPoint + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting the test tmpfs " + mountPoint, e);
        }
    }
}
