package org.timesmith.server.searchtemplate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.timesmith.server.api.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * Fills a search template's query string the way Timesketch's sandboxed Jinja2 rendering does for
 * the templates that exist in practice: {@code {{ name }}} is replaced by the parameter's value
 * (nothing when the parameter is not given, as Jinja2 renders an undefined name). Jinja2
 * statements, comments and expressions beyond a plain name are refused as a syntax error rather
 * than rendered wrongly. The result is escaped as Timesketch's {@code escape_query_string} does
 * ({@code /}, {@code .} and {@code \} get a backslash).
 */
public final class QueryTemplate {

    /** Timesketch's limit against resource exhaustion. */
    public static final int MAX_LENGTH = 10_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private QueryTemplate() {
    }

    public static String render(String template, JsonNode parameters) {
        if (template.length() > MAX_LENGTH) {
            throw ApiException.badRequest("Search template query string too long");
        }
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            checkPlain(template.substring(at, m.start()));
            out.append(template, at, m.start()).append(value(parameters == null ? null : parameters.get(m.group(1))));
            at = m.end();
        }
        checkPlain(template.substring(at));
        out.append(template.substring(at));
        return escape(out.toString());
    }

    private static void checkPlain(String text) {
        for (String marker : new String[] {"{{", "{%", "{#", "}}", "%}", "#}"}) {
            if (text.contains(marker)) {
                throw ApiException.badRequest("Search template syntax error: only {{ parameter }} substitutions"
                        + " are supported, found '" + marker + "'");
            }
        }
    }

    /** A parameter's text as Python's {@code str()} would give it. */
    private static String value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return node == null || node.isMissingNode() ? "" : "None";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "True" : "False";
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    static String escape(String query) {
        StringBuilder out = new StringBuilder(query.length());
        for (char c : query.toCharArray()) {
            if (c == '/' || c == '.' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
