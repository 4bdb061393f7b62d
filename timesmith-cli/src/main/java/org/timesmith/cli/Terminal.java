package org.timesmith.cli;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** What the CLI needs to know about the terminal it runs in: whether there is one, and its width. */
final class Terminal {

    static final int DEFAULT_WIDTH = 120;

    private Terminal() {
    }

    /**
     * Whether a person is watching: a console exists and (on JDK 22+, where {@code System.console()}
     * also exists when redirected) it is a real terminal.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }

    /** Columns of the terminal: {@code $COLUMNS}, else asked from the tty, else {@value #DEFAULT_WIDTH}. */
    static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{1,4}")) {
            return Integer.parseInt(columns);
        }
        File tty = new File("/dev/tty");
        if (interactive() && tty.canRead()) {
            try {
                Process stty = new ProcessBuilder("stty", "size").redirectInput(tty).start();
                String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (stty.waitFor(2, TimeUnit.SECONDS) && size.matches("\\d+ \\d+")) {
                    return Integer.parseInt(size.substring(size.indexOf(' ') + 1));
                }
            } catch (IOException e) {
                return DEFAULT_WIDTH;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return DEFAULT_WIDTH;
    }
}
