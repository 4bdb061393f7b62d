/**
 * The server application itself: {@link org.timesmith.server.TimesmithServer} starts the Spring
 * Boot application on a data directory, {@link org.timesmith.server.AdminService} is the
 * administration the {@code timesmith admin} command runs without HTTP (like Timesketch's tsctl),
 * and {@link org.timesmith.server.DemoSetup} seeds the demo. Everything else is in feature
 * packages below ({@code sketch}, {@code timeline}, {@code ingest}, {@code explore}, ...), not in
 * layers.
 */
package org.timesmith.server;
