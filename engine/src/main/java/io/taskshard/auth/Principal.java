package io.taskshard.auth;

/**
 * Who made a request, once authenticated.
 *
 * @param name the token's name (the audit's actor); null when auth is off
 * @param role the token's role; null when auth is off
 */
public record Principal(String name, Role role) {
    /** The request attribute under which the server keeps the principal of a request. */
    public static final String ATTRIBUTE = "taskshard.principal";
    /** Auth is off: anybody who can connect. */
    public static final Principal ANONYMOUS = new Principal(null, null);
}
