package org.timesmith.server.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.store.StoreException;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Maps every failure of an API call to the Timesketch error body {@code {"message": ...}}: 4xx for
 * anything the client can fix, 500 only for real faults (logged here, never sent as a stack trace).
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return body(e.status(), e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> unknownRoute(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "The requested URL /" + e.getResourcePath() + " was not found on this server.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "The method " + e.getMethod() + " is not allowed here.");
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeException.class,
            MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            InputFormatException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        String message = e instanceof HttpMessageNotReadableException
                ? limitExceeded(e).map(limit -> "The request body exceeds a limit of the server (timesmith.json.*): "
                        + limit.getOriginalMessage()).orElse("The request body is not valid JSON.")
                : e.getMessage();
        return body(HttpStatus.BAD_REQUEST, message);
    }

    /** Jackson's refusal of a body past a {@code timesmith.json.*} limit (nesting depth, document or string length). */
    private static java.util.Optional<StreamConstraintsException> limitExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return java.util.Optional.of(limit);
            }
        }
        return java.util.Optional.empty();
    }

    @ExceptionHandler(StoreException.class)
    ResponseEntity<Map<String, Object>> store(StoreException e) {
        LOG.warn("event store failure", e);
        return body(HttpStatus.BAD_REQUEST, "The search could not be run: " + e.getMessage());
    }

    /**
     * Event stores refuse requests they cannot run as given (a query string that does not parse, an
     * unsupported DSL clause, too many histogram buckets) with an IllegalArgumentException whose
     * message is written for the user; that is the client's mistake, not a server failure.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> refused(IllegalArgumentException e) {
        return body(HttpStatus.BAD_REQUEST, "The request could not be run: " + e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        LOG.error("unexpected failure of an API call", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error; the server log has the details.");
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("status", status.value());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
