package io.taskshard.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a token may do. {@code admin} ⊇ {@code operator} ⊇ {@code viewer}; {@code peer} stands
 * apart: it may only join as a peer ({@code /v1/peer}) and may not read the operator API.
 */
public enum Role {
    PEER, VIEWER, OPERATOR, ADMIN;

    /** Whether a token of this role may have {@code access}. */
    public boolean allows(Access access) {
        return switch (access) {
            case PEER -> this == PEER;
            case READ -> this == VIEWER || this == OPERATOR || this == ADMIN;
            case STEER -> this == OPERATOR || this == ADMIN;
            case ADMIN -> this == ADMIN;
        };
    }

    /** The name as typed on the command line and stored: {@code peer}, {@code viewer}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "'; roles: "
                + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")));
    }
}
