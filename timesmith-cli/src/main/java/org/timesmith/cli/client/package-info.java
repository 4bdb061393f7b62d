/**
 * The {@code timesmith} subcommands that talk to a Timesketch API v1 server through {@code
 * timesmith-client}: {@code config}, {@code sketch}, {@code saved-search}, {@code aggregate},
 * {@code story}, and the remote forms of {@code import} (the role of Timesketch's importer tool)
 * and {@code search}.
 */
package org.timesmith.cli.client;
