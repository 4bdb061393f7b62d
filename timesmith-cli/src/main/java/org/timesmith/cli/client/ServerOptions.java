package org.timesmith.cli.client;

import java.nio.file.Path;
import java.util.Optional;
import org.timesmith.client.TimesketchClient;
import org.timesmith.client.config.ConfigAssistant;
import org.timesmith.client.config.Prompter;
import picocli.CommandLine.Option;

/** Which server to talk to: a section of the rc file ({@code ~/.timesketchrc}) and its token password. */
public final class ServerOptions {

    @Option(names = "--config-section", defaultValue = ConfigAssistant.DEFAULT_SECTION,
            description = "Section of the rc file to use (default: ${DEFAULT-VALUE}).")
    String section;

    @Option(names = "--rc-file", description = "The rc file (default: ~/.timesketchrc).")
    Path rcFile;

    @Option(names = "--token-password", description = "Password of the token file (default: cred_key of the section).")
    String tokenPassword;

    ConfigAssistant assistant() {
        Path home = Path.of(System.getProperty("user.home"));
        return new ConfigAssistant(rcFile != null ? rcFile : home.resolve(".timesketchrc"),
                home.resolve(".timesketch.token"), Prompter.console());
    }

    public TimesketchClient connect() {
        return assistant().getClient(section, Optional.ofNullable(tokenPassword));
    }
}
