package io.taskshard.auth;

import java.util.Objects;

/**
 * An API token as stored: never the secret, only its hash.
 *
 * @param id        assigned by the store, never reused
 * @param name      who or what holds it; unique among live tokens; the audit's actor
 * @param role      what it may do
 * @param hash      lowercase hex SHA-256 of the secret ({@link TokenSecrets#hash})
 * @param createdAt epoch millis
 * @param revoked   a revoked token is refused (401) and stays listed
 * @param revokedAt epoch millis; 0 while live
 */
public record TokenRecord(long id, String name, Role role, String hash, long createdAt, boolean revoked,
                          long revokedAt) {
    public TokenRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
    }

    @Override
    public String toString() {
        // The hash is not a secret, but it has no business in logs either.
        return "TokenRecord[id=" + id + ", name=" + name + ", role=" + role.label() + ", revoked=" + revoked + "]";
    }
}
