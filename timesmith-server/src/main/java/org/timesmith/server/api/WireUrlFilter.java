package org.timesmith.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the URL forms the Timesketch client sends equivalent before anything else sees them:
 * {@code //} collapses to {@code /} (a host URI typed with a trailing slash) and a trailing slash is
 * dropped, so {@code /api/v1/users/3} and {@code /api/v1/users/3/} reach the same handler with the
 * method and body unchanged (no redirect, which would turn a DELETE into a GET on a 302).
 */
public class WireUrlFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        String normal = normalise(uri);
        if (normal.equals(request.getContextPath() + "/error")) {
            // Spring's error page called directly has no error to show: it would answer 500 "Error 999"
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/json");
            response.getWriter().write("{\"message\":\"The requested URL was not found on this server.\",\"status\":404}");
            return;
        }
        if (normal.equals(uri)) {
            chain.doFilter(request, response);
            return;
        }
        String contextPath = request.getContextPath();
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return normal;
            }

            @Override
            public StringBuffer getRequestURL() {
                StringBuffer url = new StringBuffer(super.getRequestURL());
                int path = url.indexOf(uri);
                if (path >= 0) {
                    url.replace(path, path + uri.length(), normal);
                }
                return url;
            }

            @Override
            public String getServletPath() {
                return normal.substring(contextPath.length());
            }

            @Override
            public String getPathInfo() {
                return null;
            }
        }, response);
    }

    static String normalise(String uri) {
        String collapsed = uri.replaceAll("/{2,}", "/");
        if (collapsed.length() > 1 && collapsed.endsWith("/")) {
            collapsed = collapsed.substring(0, collapsed.length() - 1);
        }
        return collapsed;
    }
}
