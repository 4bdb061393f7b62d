package org.timesmith.client;

/** The test server's address and password for tests in other packages. */
public final class LiveServerAccess {

    public static final String PASSWORD = LiveServer.PASSWORD;

    private LiveServerAccess() {
    }

    public static String url() {
        return LiveServer.get().url();
    }
}
