package org.timesmith.analysis.support;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions written for Python's {@code re} (Timesketch's rule files) compiled for Java:
 * named groups {@code (?P<name>…)} become {@code (?<name>…)} (underscores dropped: Java allows letters
 * and digits only), named references {@code (?P=name)} become {@code \k<name>}, and the flag names {@code re.IGNORECASE}, {@code re.MULTILINE},
 * {@code re.DOTALL}, {@code re.VERBOSE} (with or without {@code re.}) map to Java's flags.
 * Python's {@code findall} is matched by {@link #findAll}.
 */
public final class PythonRegex {

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P<(\\w+)>");
    private static final Pattern BACK_REFERENCE = Pattern.compile("\\(\\?P=(\\w+)\\)");

    private PythonRegex() {
    }

    /** Java group names are letters and digits only, starting with a letter ({@code ip_address} → {@code ipaddress}). */
    private static String javaName(String python) {
        String name = python.replaceAll("[^A-Za-z0-9]", "");
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "g" + name : name;
    }

    /** @throws IllegalArgumentException for a bad expression or an unknown flag */
    public static Pattern compile(String expression, List<String> flags) {
        int javaFlags = 0;
        for (String flag : flags) {
            javaFlags |= switch (flag.replaceFirst("^re\\.", "")) {
                case "I", "IGNORECASE" -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case "M", "MULTILINE" -> Pattern.MULTILINE;
                case "S", "DOTALL" -> Pattern.DOTALL;
                case "X", "VERBOSE" -> Pattern.COMMENTS;
                case "U", "UNICODE", "L", "LOCALE" -> 0;
                default -> throw new IllegalArgumentException("unknown regular expression flag " + flag);
            };
        }
        String java = NAMED_GROUP.matcher(expression).replaceAll(m -> "(?<" + javaName(m.group(1)) + ">");
        java = BACK_REFERENCE.matcher(java).replaceAll(m -> "\\\\k<" + javaName(m.group(1)) + ">");
        try {
            return Pattern.compile(java, javaFlags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regular expression " + expression + ": " + e.getDescription());
        }
    }

    /**
     * What Python's {@code findall} gives as strings: each match's first group when the expression
     * has groups (Timesketch stores that), else the whole match; empty matches are dropped.
     */
    public static List<String> findAll(Pattern pattern, String text) {
        java.util.regex.Matcher m = pattern.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            String value = m.groupCount() > 0 ? m.group(1) : m.group();
            if (value != null && !value.isEmpty()) {
                found.add(value);
            }
        }
        return found;
    }
}
