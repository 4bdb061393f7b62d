package org.timesmith.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.client.ConnectionSettings;
import org.timesmith.client.LiveServerAccess;
import org.timesmith.client.TimesketchClient;

/** {@code ~/.timesketchrc}, the token file and the prompts, ending in a real login. */
class ConfigAssistantTest {

    @TempDir
    Path home;

    /** Answers questions from a script and records them: the console stand-in for tests. */
    private static final class ScriptedPrompter implements Prompter {
        final Deque<String> answers;
        final List<String> questions = new ArrayList<>();

        ScriptedPrompter(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public String ask(String question, String defaultValue) {
            questions.add(question);
            return answers.pop();
        }

        @Override
        public String askSecret(String question) {
            questions.add(question);
            return answers.pop();
        }
    }

    @Test
    void oauthSectionsNeedNoPasswordAndNameTheIssuerAndClient() throws IOException {
        Path rc = Files.writeString(home.resolve(".timesketchrc"), "[corp]\nhost_uri = https://ts.example.com\n"
                + "username = alice@example.com\nauth_mode = oauth\nclient_id = the-cli\nverify = True\n"
                + "oidc_issuer = https://login.example.com\n");
        ConnectionSettings settings = new ConfigAssistant(rc, home.resolve(".token"), Optional.empty())
                .settings("corp", Optional.empty());
        assertThat(settings.authMode()).isEqualTo("oauth");
        assertThat(settings.oidc()).hasValueSatisfying(oidc -> {
            assertThat(oidc.issuer()).isEqualTo("https://login.example.com");
            assertThat(oidc.clientId()).isEqualTo("the-cli");
            assertThat(oidc.clientSecret()).isEmpty();
        });
        assertThat(home.resolve(".token")).doesNotExist();

        Files.writeString(rc, "[google]\nhost_uri = https://ts.example.com\nauth_mode = oauth\n");
        assertThatThrownBy(() -> new ConfigAssistant(rc, home.resolve(".token"), Optional.empty())
                .settings("google", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("client_id is missing from section [google]");
    }

    @Test
    void asksForWhatIsMissingWritesItBackAndLogsIn() throws IOException {
        Path rc = home.resolve(".timesketchrc");
        ScriptedPrompter prompter = new ScriptedPrompter(LiveServerAccess.url(), "alice", LiveServerAccess.PASSWORD);
        ConfigAssistant assistant = new ConfigAssistant(rc, home.resolve(".timesketch.token"), Optional.of(prompter));
        TimesketchClient client = assistant.getClient();
        assertThat(client.currentUser().username()).isEqualTo("alice");
        assertThat(prompter.questions).hasSize(3);
        String written = Files.readString(rc);
        assertThat(written).startsWith("[timesketch]\n").contains("host_uri = " + LiveServerAccess.url())
                .contains("username = alice").contains("auth_mode = userpass").contains("verify = True")
                .contains("cred_key = ").doesNotContain(LiveServerAccess.PASSWORD);
        assertThat(Files.readAllBytes(home.resolve(".timesketch.token"))).isNotEmpty();

        // Second time: nothing is asked, the token file supplies the password.
        ConfigAssistant again = new ConfigAssistant(rc, home.resolve(".timesketch.token"), Optional.empty());
        assertThat(again.getClient().currentUser().username()).isEqualTo("alice");
    }

    @Test
    void sectionsChooseTheServerAndTokenFile() throws IOException {
        Path rc = home.resolve(".timesketchrc");
        Path devToken = home.resolve(".timesketch.dev.token");
        Files.writeString(rc, """
                # two servers
                [timesketch]
                host_uri = https://prod.invalid
                username = someone
                auth_mode = userpass

                [timesketch-dev]
                host_uri = %s
                username = bob
                verify = False
                client_id =
                client_secret =
                auth_mode = timesketch
                token_file_path = %s
                """.formatted(LiveServerAccess.url(), devToken));
        TokenFile.write(devToken, "MY_SUPER_L337_PWD", new TokenFile.Credentials("bob", LiveServerAccess.PASSWORD));
        ConfigAssistant assistant = new ConfigAssistant(rc, home.resolve("unused.token"), Optional.empty());
        ConnectionSettings settings = assistant.settings("timesketch-dev", Optional.of("MY_SUPER_L337_PWD"));
        assertThat(settings.verify()).isFalse();
        assertThat(settings.authMode()).isEqualTo("userpass");
        assertThat(assistant.getClient("timesketch-dev", Optional.of("MY_SUPER_L337_PWD")).currentUser().username())
                .isEqualTo("bob");
    }

    @Test
    void missingKeyWithoutConsoleNamesTheKey() throws IOException {
        Path rc = home.resolve(".timesketchrc");
        Files.writeString(rc, "[timesketch]\nusername = alice\n");
        ConfigAssistant assistant = new ConfigAssistant(rc, home.resolve(".timesketch.token"), Optional.empty());
        assertThatThrownBy(assistant::getClient).isInstanceOf(ConfigException.class)
                .hasMessage("The setting host_uri is missing from section [timesketch] of " + rc
                        + ", and no console is attached to ask for it. Add \"host_uri = …\" there or run `timesmith config`.");
    }

    @Test
    void missingPasswordWithoutConsoleSaysHowToFixIt() throws IOException {
        Path rc = home.resolve(".timesketchrc");
        Files.writeString(rc, "[timesketch]\nhost_uri = http://127.0.0.1:1\nusername = alice\n");
        ConfigAssistant assistant = new ConfigAssistant(rc, home.resolve(".timesketch.token"), Optional.empty());
        assertThatThrownBy(assistant::getClient).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the token file " + home.resolve(".timesketch.token") + " does not exist");
    }

    @Test
    void wrongTokenPasswordIsAClearError() {
        Path token = home.resolve("token");
        TokenFile.write(token, "right", new TokenFile.Credentials("alice", "secret"));
        assertThat(TokenFile.read(token, "right")).isEqualTo(new TokenFile.Credentials("alice", "secret"));
        assertThatThrownBy(() -> TokenFile.read(token, "wrong")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot decrypt the token file " + token + ": wrong token password");
    }

    @Test
    void damagedTokenFileIsAClearError() throws IOException {
        Path token = home.resolve("token");
        TokenFile.write(token, "pw", new TokenFile.Credentials("alice", "secret"));
        byte[] bytes = Files.readAllBytes(token);
        bytes[bytes.length - 1] ^= 1;
        Files.write(token, bytes);
        assertThatThrownBy(() -> TokenFile.read(token, "pw")).hasMessageContaining("wrong token password, or the file was altered");
        Files.writeString(token, "plain text");
        assertThatThrownBy(() -> TokenFile.read(token, "pw")).hasMessageContaining("is not a Timesmith token file");
    }

    @Test
    void malformedRcFileNamesTheLine() throws IOException {
        Path rc = home.resolve(".timesketchrc");
        Files.writeString(rc, "host_uri = x\n");
        assertThatThrownBy(() -> IniFile.read(rc)).isInstanceOf(ConfigException.class)
                .hasMessage(rc + " line 1: expected [section] or key = value, found \"host_uri = x\"");
    }

    @Test
    void saveWritesSectionAndTokenFile() {
        Path rc = home.resolve(".timesketchrc");
        ConfigAssistant assistant = new ConfigAssistant(rc, home.resolve(".timesketch.token"), Optional.empty());
        assistant.save("timesketch", LiveServerAccess.url(), "bob", LiveServerAccess.PASSWORD, true, Optional.empty());
        assertThat(assistant.getClient().currentUser().username()).isEqualTo("bob");
        assertThat(IniFile.read(rc).get("timesketch", "cred_key")).isPresent();
    }
}
