package org.timesmith.server.intelligence;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timesmith.server.api.ApiException;

/**
 * Takes a URL apart into a tree, in the {@code {"nodes": [...], "edges": [...]}} graph form of
 * dfir-unfurl that Timesketch's {@code unfurl/} answers: the URL is node 1; its scheme, user info,
 * host (with its dot-separated labels), port, path (with its segments), query (with one node per
 * parameter, whose decoded value is a child node, itself unfurled again when it is a URL) and
 * fragment hang below it. Nodes carry {@code id}, {@code label}, {@code key}, {@code value},
 * {@code data_type} and {@code hover}; edges {@code from} and {@code to}.
 */
public final class Unfurl {

    /** A nested URL in a query value is unfurled too, down to this depth. */
    private static final int MAX_DEPTH = 4;
    private static final int MAX_LENGTH = 16 * 1024;

    private final List<Map<String, Object>> nodes = new ArrayList<>();
    private final List<Map<String, Object>> edges = new ArrayList<>();

    private Unfurl() {
    }

    public static Map<String, Object> graph(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("url parameter is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw ApiException.badRequest("The URL is longer than " + MAX_LENGTH + " characters.");
        }
        Unfurl unfurl = new Unfurl();
        int root = unfurl.node(0, "url", url.strip(), "url", "The URL");
        if (!unfurl.url(root, url.strip(), 0)) {
            throw ApiException.badRequest("Unable to parse the URL: " + url);
        }
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("summary", Map.of());
        graph.put("nodes", unfurl.nodes);
        graph.put("edges", unfurl.edges);
        return graph;
    }

    /** Adds the parts of {@code text} below {@code parent}; false if it is not an absolute URL. */
    private boolean url(int parent, String text, int depth) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.isOpaque() && uri.getRawSchemeSpecificPart() == null) {
            return false;
        }
        node(parent, "url.scheme", uri.getScheme(), "scheme", "The URL scheme");
        if (uri.isOpaque()) {
            node(parent, "url.opaque", uri.getSchemeSpecificPart(), "scheme-specific part", "Everything after the scheme");
            return true;
        }
        if (uri.getRawUserInfo() != null) {
            node(parent, "url.userinfo", uri.getUserInfo(), "user info", "User name (and password) in the URL");
        }
        String host = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
        if (host != null) {
            int hostNode = node(parent, "url.host", host, "host", "The host name or address");
            String[] labels = host.split("\\.");
            if (labels.length > 1 && !host.matches("[0-9.]+") && !host.startsWith("[")) {
                for (int i = 0; i < labels.length; i++) {
                    node(hostNode, "url.host.label", labels[i], "label " + (i + 1),
                            i == labels.length - 1 ? "Top-level domain" : "Domain label");
                }
            }
        }
        if (uri.getPort() >= 0) {
            node(parent, "url.port", String.valueOf(uri.getPort()), "port", "The port");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            int pathNode = node(parent, "url.path", decode(path), "path", "The path");
            List<String> segments = new ArrayList<>();
            for (String segment : path.split("/")) {
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
            }
            if (segments.size() > 1) {
                for (int i = 0; i < segments.size(); i++) {
                    node(pathNode, "url.path.segment", decode(segments.get(i)), "segment " + (i + 1), "Path segment");
                }
            }
        }
        if (uri.getRawQuery() != null) {
            int queryNode = node(parent, "url.query", uri.getRawQuery(), "query", "The query string");
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                int pairNode = node(queryNode, "url.query.pair", value, key, "A query parameter");
                if (!value.isEmpty()) {
                    int valueNode = node(pairNode, "url.query.value", value, key, "The decoded value of " + key);
                    if (depth < MAX_DEPTH && value.contains("://")) {
                        url(valueNode, value, depth + 1);
                    }
                }
            }
        }
        if (uri.getRawFragment() != null) {
            node(parent, "url.fragment", decode(uri.getRawFragment()), "fragment", "The fragment");
        }
        return true;
    }

    private int node(int parent, String dataType, String value, String key, String hover) {
        int id = nodes.size() + 1;
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", id);
        node.put("label", parent == 0 ? value : key + ": " + value);
        node.put("key", key);
        node.put("value", value);
        node.put("data_type", dataType);
        node.put("hover", hover);
        nodes.add(node);
        if (parent > 0) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("from", parent);
            edge.put("to", id);
            edges.add(edge);
        }
        return id;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
