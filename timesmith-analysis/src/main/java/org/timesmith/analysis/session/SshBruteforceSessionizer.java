package org.timesmith.analysis.session;

/**
 * Timesketch's {@code ssh_bruteforce_sessionizer}: sshd lines about invalid users and repeated
 * password failures in sessions split by gaps of more than ten seconds ({@code
 * session_id.ssh_bruteforce}); a long session is a burst of guessing.
 */
public final class SshBruteforceSessionizer extends TimeGapSessionizer {

    /** Timesketch's query: invalid users (not the keyboard-interactive or closing lines) and repeated failures. */
    static final String QUERY = "reporter:\"sshd\" AND ((message:\"invalid user\" AND NOT message:"
            + "(\"keyboard-interactive\" OR \"connection closed\")) OR message:(\"message repeated\" AND \"failed password for\"))";

    public SshBruteforceSessionizer() {
        super(QUERY, "ssh_bruteforce", 10);
    }

    @Override
    public String name() {
        return "ssh_bruteforce_sessionizer";
    }

    @Override
    public String displayName() {
        return "SSH bruteforce";
    }

    @Override
    public String description() {
        return "Detect repeated password failures or attempts to login as a user that does not exist";
    }
}
