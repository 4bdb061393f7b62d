package org.timesmith.client.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.timesmith.client.ConnectionSettings;
import org.timesmith.client.OidcSettings;
import org.timesmith.client.TimesketchClient;

/**
 * Builds a logged-in {@link TimesketchClient} from {@code ~/.timesketchrc}, the way Timesketch's
 * {@code config.get_client()} does: one section (default {@code timesketch}) gives
 * {@code host_uri}, {@code username}, {@code auth_mode}, {@code verify}, {@code cred_key} and
 * {@code token_file_path}; the password lives in the encrypted token file. With
 * {@code auth_mode = oauth} there is no password: {@code client_id}, {@code client_secret} (if the
 * issuer needs one) and {@code oidc_issuer} (default Google's) drive the OpenID Connect sign-in.
 * Whatever is missing is
 * asked for when a console (or another {@link Prompter}) is available and written back; without
 * one, the error names the missing key and the file.
 */
public final class ConfigAssistant {

    public static final String DEFAULT_SECTION = "timesketch";

    private final Path rcFile;
    private final Path defaultTokenFile;
    private final Optional<Prompter> prompter;

    public ConfigAssistant(Path rcFile, Path defaultTokenFile, Optional<Prompter> prompter) {
        this.rcFile = rcFile;
        this.defaultTokenFile = defaultTokenFile;
        this.prompter = prompter;
    }

    /** {@code ~/.timesketchrc} and {@code ~/.timesketch.token}, asking on the console if there is one. */
    public static ConfigAssistant forCurrentUser() {
        Path home = Path.of(System.getProperty("user.home"));
        return new ConfigAssistant(home.resolve(".timesketchrc"), home.resolve(".timesketch.token"), Prompter.console());
    }

    public Path rcFile() {
        return rcFile;
    }

    /** Connects with the default section and the token password from the rc file. */
    public TimesketchClient getClient() {
        return getClient(DEFAULT_SECTION, Optional.empty());
    }

    /**
     * Connects using {@code configSection}; {@code tokenPassword} protects the token file (when
     * empty, the {@code cred_key} of the section, created at random if absent).
     */
    public TimesketchClient getClient(String configSection, Optional<String> tokenPassword) {
        return TimesketchClient.connect(settings(configSection, tokenPassword));
    }

    /** The connection settings of a section, completing and saving what is missing. */
    public ConnectionSettings settings(String configSection, Optional<String> tokenPassword) {
        IniFile ini = IniFile.read(rcFile);
        boolean changed = false;
        String hostUri = value(ini, configSection, "host_uri", "Timesketch server URL (e.g. https://ts.example.com)", "");
        changed |= ini.get(configSection, "host_uri").isEmpty();
        ini.set(configSection, "host_uri", hostUri);
        String authMode = ini.get(configSection, "auth_mode").orElse("userpass").toLowerCase(Locale.ROOT);
        if (ini.get(configSection, "auth_mode").isEmpty()) {
            ini.set(configSection, "auth_mode", authMode);
            changed = true;
        }
        boolean verify = !ini.get(configSection, "verify").map(v -> v.equalsIgnoreCase("false") || v.equals("0"))
                .orElse(false);
        if (ini.get(configSection, "verify").isEmpty()) {
            ini.set(configSection, "verify", "True");
            changed = true;
        }
        if (authMode.equals("oauth")) {
            // No password: the user signs in at the issuer; client_id identifies this tool there.
            String clientId = value(ini, configSection, "client_id", "OpenID Connect client id", "");
            changed |= ini.get(configSection, "client_id").isEmpty();
            ini.set(configSection, "client_id", clientId);
            if (changed) {
                ini.write(rcFile);
            }
            OidcSettings oidc = OidcSettings.of(ini.get(configSection, "oidc_issuer").orElse(OidcSettings.GOOGLE), clientId,
                    ini.get(configSection, "client_secret").filter(secret -> !secret.isBlank()));
            return ConnectionSettings.oauth(hostUri, ini.get(configSection, "username").orElse(""), oidc).withVerify(verify);
        }
        Path tokenFile = ini.get(configSection, "token_file_path").map(Path::of).orElse(defaultTokenFile);
        String password = tokenPassword.orElse(ini.get(configSection, "cred_key").orElse(""));
        if (password.isEmpty()) {
            password = TokenFile.randomPassword();
            ini.set(configSection, "cred_key", password);
            changed = true;
        }
        String username;
        String secret;
        if (Files.exists(tokenFile)) {
            TokenFile.Credentials credentials = TokenFile.read(tokenFile, password);
            username = ini.get(configSection, "username").orElse(credentials.username());
            secret = credentials.password();
        } else {
            username = value(ini, configSection, "username", "Username", System.getProperty("user.name", ""));
            Prompter ask = prompter.orElseThrow(() -> new ConfigException("No credentials for [" + configSection
                    + "] in " + rcFile + ": the token file " + tokenFile + " does not exist and no console is attached "
                    + "to ask for the password. Run `timesmith config` once in a terminal."));
            secret = ask.askSecret("Password for " + username + " at " + hostUri);
            TokenFile.write(tokenFile, password, new TokenFile.Credentials(username, secret));
        }
        if (ini.get(configSection, "username").isEmpty()) {
            ini.set(configSection, "username", username);
            changed = true;
        }
        if (changed) {
            ini.write(rcFile);
        }
        return new ConnectionSettings(hostUri, username, secret, authMode, verify, ConnectionSettings.DEFAULT_RETRY_COUNT,
                ConnectionSettings.DEFAULT_BACKOFF, java.time.Duration.ofMinutes(10));
    }

    /** Writes a section and its token file from given values (what {@code timesmith config} does). */
    public void save(String configSection, String hostUri, String username, String password, boolean verify,
                     Optional<String> tokenPassword) {
        IniFile ini = IniFile.read(rcFile);
        ini.set(configSection, "host_uri", hostUri);
        ini.set(configSection, "username", username);
        ini.set(configSection, "auth_mode", ini.get(configSection, "auth_mode").orElse("userpass"));
        ini.set(configSection, "verify", verify ? "True" : "False");
        String key = tokenPassword.orElseGet(() -> ini.get(configSection, "cred_key").orElseGet(TokenFile::randomPassword));
        if (tokenPassword.isEmpty()) {
            ini.set(configSection, "cred_key", key);
        }
        Path tokenFile = ini.get(configSection, "token_file_path").map(Path::of).orElse(defaultTokenFile);
        TokenFile.write(tokenFile, key, new TokenFile.Credentials(username, password));
        ini.write(rcFile);
    }

    private String value(IniFile ini, String section, String key, String question, String defaultValue) {
        Optional<String> value = ini.get(section, key);
        if (value.isPresent()) {
            return value.get();
        }
        Prompter ask = prompter.orElseThrow(() -> new ConfigException("The setting " + key + " is missing from section ["
                + section + "] of " + rcFile + ", and no console is attached to ask for it. Add \"" + key
                + " = …\" there or run `timesmith config`."));
        String answer = ask.ask(question, defaultValue);
        if (answer.isBlank()) {
            throw new ConfigException("No value given for " + key + ".");
        }
        return answer;
    }
}
