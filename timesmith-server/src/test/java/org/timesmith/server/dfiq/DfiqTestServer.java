package org.timesmith.server.dfiq;

import java.util.Map;
import org.timesmith.server.support.TestServer;

/** One real server with the fixture DFIQ library ({@code timesmith.dfiq.path}) for the DFIQ and search template API tests. */
public final class DfiqTestServer {

    private static TestServer server;

    private DfiqTestServer() {
    }

    public static synchronized TestServer shared() {
        if (server == null) {
            server = new TestServer(TestServer.createHome(), true,
                    Map.of("timesmith.dfiq.path", DfiqCatalogTest.library().toAbsolutePath().toString()));
            TestServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return server;
    }
}
