package org.timesmith.cli.client;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.timesmith.client.config.ConfigException;
import org.timesmith.client.config.Prompter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code timesmith config}: writes a section of {@code ~/.timesketchrc} and the encrypted token file, then logs in once to check. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Write the connection settings for a Timesketch-compatible server to ~/.timesketchrc.")
public final class ConfigCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Option(names = "--host", required = true, description = "Server URL, e.g. https://timesmith.example.com")
    String host;

    @Option(names = "--username", required = true)
    String username;

    @Option(names = "--password", description = "Password (asked on the console when omitted).")
    String password;

    @Option(names = "--no-verify", description = "Do not verify TLS certificates (only for a server you trust).")
    boolean noVerify;

    @Option(names = "--no-check", description = "Do not log in to check the settings.")
    boolean noCheck;

    @Override
    public Integer call() {
        String secret = password != null ? password : Prompter.console().map(p -> p.askSecret("Password for " + username))
                .orElseThrow(() -> new ConfigException("No --password given and no console to ask for it."));
        server.assistant().save(server.section, host, username, secret, !noVerify, Optional.ofNullable(server.tokenPassword));
        System.out.println("Wrote section [" + server.section + "] of " + server.assistant().rcFile());
        if (!noCheck) {
            System.out.println("Logged in as " + server.connect().currentUser().username() + " at " + host);
        }
        return 0;
    }
}
