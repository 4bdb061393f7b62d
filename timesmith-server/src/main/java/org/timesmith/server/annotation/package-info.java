/**
 * Annotating events (§7): comments, labels and stars, tags, attributes and manual events, one at a
 * time or for every match of a query as a background job. {@code EventAccess} is where a request's
 * event is checked to belong to a searchable timeline of the sketch, so nothing outside the sketch
 * can be read or changed.
 */
package org.timesmith.server.annotation;
