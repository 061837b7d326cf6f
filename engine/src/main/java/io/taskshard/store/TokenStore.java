package io.taskshard.store;

import io.taskshard.auth.Role;
import io.taskshard.auth.TokenLookup;
import io.taskshard.auth.TokenRecord;
import io.taskshard.auth.TokenSecrets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tokens} table of the store's SQLite file, on a connection of its own. The
 * {@code taskshard token} command writes it directly, even while a server runs (WAL lets a
 * second process write between the coordinator's batches); the server reads it read-only and
 * so sees new and revoked tokens without a restart.
 */
public final class TokenStore implements TokenLookup, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
    private static final String COLUMNS = "id, name, role, hash, created_at, revoked, revoked_at";

    private final Path file;
    private final Connection connection;

    /** A new token and its secret, which is never stored and so can be shown only now. */
    public record Created(TokenRecord token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token + ", secret=***]";
        }
    }

    private TokenStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens the store in {@code dataDir} for managing tokens, creating or migrating the database if needed. */
    public static TokenStore open(Path dataDir) {
        Path file = SqliteStore.prepareDirectory(dataDir);
        try {
            Connection c = SqliteStore.connect(file, StoreOptions.DEFAULTS, false);
            try {
                Migrations.standard().apply(c, file.toString());
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            return new TokenStore(file, c);
        } catch (SQLException e) {
            throw new StoreException("cannot open the database " + file + ": " + SqliteErrors.describe(e), e);
        }
    }

    /** Opens an existing, migrated database read-only: what a running server uses. */
    public static TokenStore openReadOnly(Path dataDir) {
        Path file = SqliteStore.prepareDirectory(dataDir);
        try {
            return new TokenStore(file, SqliteStore.connect(file, StoreOptions.DEFAULTS, true));
        } catch (SQLException e) {
            throw new StoreException("cannot open the database " + file + " to read tokens: "
                    + SqliteErrors.describe(e), e);
        }
    }

    /**
     * Creates a live token.
     *
     * @throws IllegalArgumentException when the name is blank or a live token already has it
     */
    public synchronized Created create(String name, Role role, long now) {
        if (name == null || name.isBlank() || name.strip().length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a token needs a name of 1 to 100 printable characters, got '" + name + "'");
        }
        String clean = name.strip();
        if (findLive(clean).isPresent()) {
            throw new IllegalArgumentException("a live token named '" + clean + "' exists already; revoke it first "
                    + "or pick another name");
        }
        String secret = TokenSecrets.generate();
        String hash = TokenSecrets.hash(secret);
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO tokens (name, role, hash, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, clean);
            ps.setString(2, role.label());
            ps.setString(3, hash);
            ps.setLong(4, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("store the new token '" + clean + "'", e);
        }
        TokenRecord created = findByHash(hash).orElseThrow(() -> new StoreException("token '" + clean
                + "' was written to " + file + " but cannot be read back"));
        LOG.info("created token '{}' (id {}, role {}) in {}", clean, created.id(), role.label(), file);
        return new Created(created, secret);
    }

    /** Every token, live and revoked, oldest first. */
    public synchronized List<TokenRecord> list() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM tokens ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<TokenRecord> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("list the tokens", e);
        }
    }

    /**
     * Revokes the live token with this name (or id, given as a number).
     *
     * @throws IllegalArgumentException when no live token has that name or id
     */
    public synchronized TokenRecord revoke(String nameOrId, long now) {
        TokenRecord target = findLive(nameOrId.strip()).or(() -> liveById(nameOrId.strip()))
                .orElseThrow(() -> new IllegalArgumentException("no live token named '" + nameOrId
                        + "' (nor with that id); 'taskshard token list' shows them"));
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE tokens SET revoked = 1, revoked_at = ? WHERE id = ? AND revoked = 0")) {
            ps.setLong(1, now);
            ps.setLong(2, target.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("revoke token '" + target.name() + "'", e);
        }
        LOG.info("revoked token '{}' (id {}) in {}", target.name(), target.id(), file);
        return new TokenRecord(target.id(), target.name(), target.role(), target.hash(), target.createdAt(), true, now);
    }

    @Override
    public synchronized Optional<TokenRecord> findByHash(String hash) {
        Optional<TokenRecord> found = one("SELECT " + COLUMNS + " FROM tokens WHERE hash = ?", hash);
        // The index found it by equality already; comparing again in constant time keeps the
        // byte comparison itself from telling anything by timing.
        return found.filter(t -> MessageDigest.isEqual(t.hash().getBytes(), hash.getBytes()));
    }

    @Override
    public synchronized int liveTokens() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM tokens WHERE revoked = 0");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw failure("count the live tokens", e);
        }
    }

    private Optional<TokenRecord> findLive(String name) {
        return one("SELECT " + COLUMNS + " FROM tokens WHERE name = ? AND revoked = 0", name);
    }

    private Optional<TokenRecord> liveById(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 18) {
            return Optional.empty();
        }
        return one("SELECT " + COLUMNS + " FROM tokens WHERE id = ? AND revoked = 0", Long.parseLong(text));
    }

    private Optional<TokenRecord> one(String sql, Object arg) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("look up a token", e);
        }
    }

    private TokenRecord read(ResultSet rs) throws SQLException {
        String role = rs.getString("role");
        Role parsed;
        try {
            parsed = Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new StoreException("token " + rs.getLong("id") + " in " + file + " has role '" + role
                    + "', which this taskshard does not know", e);
        }
        return new TokenRecord(rs.getLong("id"), rs.getString("name"), parsed, rs.getString("hash"),
                rs.getLong("created_at"), rs.getInt("revoked") != 0, rs.getLong("revoked_at"));
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " in " + file + ": " + SqliteErrors.describe(e), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the token connection to {} failed", file, e);
        }
    }
}
