/**
 * The Timesketch wire conventions every controller shares: the response envelope ({@code
 * Envelope}, §0.3), errors as {@code {"message"}} with a 4xx status and never a stack trace
 * ({@code ApiException}, {@code ApiExceptionHandler}, {@code JsonErrorAttributes}), the URL forms
 * and value spellings the Python client sends ({@code WireUrlFilter}, {@code WireValues}) and the
 * one clock ({@code Times}). Kept in one package so that wire compatibility is decided once, not
 * per endpoint.
 */
package org.timesmith.server.api;
