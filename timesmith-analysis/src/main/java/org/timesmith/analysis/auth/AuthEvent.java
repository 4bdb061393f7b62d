package org.timesmith.analysis.auth;

import org.timesmith.analysis.EventRef;

/**
 * One authentication event as the brute-force detection sees it, whatever log it came from: when,
 * from where, as whom, in which login session, and whether it succeeded, failed or ended a session.
 *
 * @param session the key that ties a login to its logoff (for SSH host, user, address and port; for
 *                Windows the logon id)
 */
record AuthEvent(EventRef event, long seconds, String sourceIp, String username, String session, Kind kind) {

    enum Kind { SUCCESS, FAILURE, DISCONNECT }
}
