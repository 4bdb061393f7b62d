package org.timesmith.analysis.sigma;

/**
 * A Sigma rule that cannot be read or converted; the message names the rule (file name or title)
 * and the construct, for example {@code rule 'x.yml': unsupported modifier 'cidr' on field 'DestinationIp'}.
 */
public class SigmaException extends RuntimeException {

    public SigmaException(String rule, String problem) {
        super("rule '" + rule + "': " + problem);
    }

    public SigmaException(String rule, String problem, Throwable cause) {
        super("rule '" + rule + "': " + problem, cause);
    }
}
