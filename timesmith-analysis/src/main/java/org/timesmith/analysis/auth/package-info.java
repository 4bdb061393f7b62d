/**
 * Authentication analyzers: brute force over SSH and Windows logons (many failures from one source,
 * then a success), and Timesketch's {@code login} analyzer that names the parts of Windows logon and
 * logoff events.
 */
package org.timesmith.analysis.auth;
