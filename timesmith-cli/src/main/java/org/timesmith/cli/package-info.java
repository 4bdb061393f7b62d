/**
 * The {@code timesmith} command: {@code server}, {@code admin} and the local forms of {@code
 * import} and {@code search}, which work on a data directory with the embedded store and no
 * server, plus the progress, table, CSV and JSON Lines writers they share. Commands against a
 * server are in {@code org.timesmith.cli.client}; each subcommand is one class listed in {@link
 * org.timesmith.cli.Main}. See {@code docs/cli.md}.
 */
package org.timesmith.cli;
