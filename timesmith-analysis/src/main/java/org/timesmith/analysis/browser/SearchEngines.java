package org.timesmith.analysis.browser;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The search engines whose result URLs carry the query, as Timesketch's browser search analyzer
 * knows them: most put it in a query parameter ({@code q}, {@code p}, {@code text},
 * {@code keywords}, {@code search_query}), Gmail, Inbox and Groups in the path after
 * {@code search/}. The first engine in list order whose pattern fits and which yields a non-empty
 * query wins. Parameters are matched by exact name (Timesketch's text search also hits {@code oq=}).
 */
final class SearchEngines {

    /** One engine: its name, the URL pattern, and the query parameter (empty: the path after {@code search/}). */
    record Engine(String name, Pattern url, Optional<String> parameter) {

        Optional<String> query(String url) {
            return parameter.map(p -> parameterValue(url, p)).orElseGet(() -> pathQuery(url)).filter(q -> !q.isBlank());
        }
    }

    private static Engine param(String name, String pattern, String parameter) {
        return new Engine(name, Pattern.compile(pattern), Optional.of(parameter));
    }

    private static Engine path(String name, String pattern) {
        return new Engine(name, Pattern.compile(pattern), Optional.empty());
    }

    static final List<Engine> ENGINES = List.of(
            param("Bing", "bing\\.com/search", "q"),
            param("DuckDuckGo", "duckduckgo\\.com", "q"),
            path("GMail", "mail\\.google\\.com"),
            path("Google Inbox", "inbox\\.google\\.com"),
            param("Google Docs", "docs\\.google\\.com", "q"),
            path("Google Groups", "groups\\.google\\.com/a"),
            param("Google Drive", "drive\\.google\\.com/.+/search", "q"),
            param("Google", "(www\\.|[a-zA-Z]\\.|/)google\\.[a-zA-Z]+/search", "q"),
            param("Google Sites", "sites\\.google\\.", "q"),
            param("LinkedIn", "linkedin\\.com/search", "keywords"),
            param("Yahoo", "yahoo\\.com/search", "p"),
            param("Yandex", "yandex\\.com/search", "text"),
            param("Youtube", "youtube\\.com", "search_query"));

    private SearchEngines() {
    }

    /** The engine and query of a search URL. */
    record Search(String engine, String query) {
    }

    static Optional<Search> search(String url) {
        for (Engine engine : ENGINES) {
            if (engine.url().matcher(url).find()) {
                Optional<String> query = engine.query(url);
                if (query.isPresent()) {
                    return Optional.of(new Search(engine.name(), query.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The decoded value of a parameter of the query string (or of a fragment holding one, as DuckDuckGo's). */
    static Optional<String> parameterValue(String url, String name) {
        int question = url.indexOf('?');
        if (question < 0) {
            return Optional.empty();
        }
        String query = url.substring(question + 1);
        int hash = query.indexOf('#');
        for (String part : (hash >= 0 ? query.substring(0, hash) : query).split("[&;]")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                return Optional.of(decode(part.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    /** The decoded path segment after {@code search/} (Gmail: {@code #search/query}). */
    static Optional<String> pathQuery(String url) {
        int at = url.indexOf("search/");
        if (at < 0) {
            return Optional.empty();
        }
        String rest = url.substring(at + "search/".length());
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return Optional.of(decode(rest.substring(0, end)));
    }

    /** {@code +} as space and {@code %XX} as UTF-8; a malformed escape leaves the text as it is. */
    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text.replace('+', ' ');
        }
    }
}
