package org.timesmith.client.config;

import java.io.Console;
import java.util.Optional;

/** Asks the user for a missing setting: on the attached console, or through any other front end. */
public interface Prompter {

    /** The answer, or {@code defaultValue} when the answer is empty. */
    String ask(String question, String defaultValue);

    /** A secret answer, not echoed. */
    String askSecret(String question);

    /** The system console when one is attached (an interactive terminal), otherwise empty. */
    static Optional<Prompter> console() {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        return Optional.of(new Prompter() {
            @Override
            public String ask(String question, String defaultValue) {
                String answer = console.readLine("%s%s: ", question, defaultValue.isEmpty() ? "" : " [" + defaultValue + "]");
                return answer == null || answer.isBlank() ? defaultValue : answer.strip();
            }

            @Override
            public String askSecret(String question) {
                char[] answer = console.readPassword("%s: ", question);
                return answer == null ? "" : new String(answer);
            }
        });
    }
}
