package io.taskshard.store;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Says in plain words why SQLite refused something, and what an operator can do about it. */
final class SqliteErrors {
    private SqliteErrors() {
    }

    /**
     * A one-line explanation of {@code failure}: the plain meaning of SQLite's result code,
     * a hint, and SQLite's own message.
     */
    static String describe(Throwable failure) {
        SQLException sql = findSqlException(failure);
        if (sql == null) {
            return String.valueOf(failure);
        }
        String code = sql instanceof SQLiteException e ? e.getResultCode().name() : "SQLite code " + sql.getErrorCode();
        return meaning(sql.getErrorCode() & 0xFF) + " [" + code + "] (SQLite: " + sql.getMessage() + ")";
    }

    static boolean isForeignKeyViolation(SQLException failure) {
        return findSqlException(failure) instanceof SQLiteException e
                && e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
    }

    /** Failures that can pass with nothing changed in the batch: space freed, permissions fixed, lock released. */
    static boolean isTransient(Throwable failure) {
        SQLException sql = findSqlException(failure);
        if (sql == null) {
            return false;
        }
        SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(sql.getErrorCode() & 0xFF);
        return switch (code) {
            case SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_BUSY, SQLITE_LOCKED -> true;
            default -> false;
        };
    }

    /** The database file itself is damaged (or is not a database): only a backup helps. */
    static boolean isCorrupt(Throwable failure) {
        SQLException sql = findSqlException(failure);
        int primary = sql == null ? -1 : sql.getErrorCode() & 0xFF;
        return primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code;
    }

    private static String meaning(int primaryCode) {
        SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(primaryCode);
        return switch (code) {
            case SQLITE_FULL -> "database or disk is full: free disk space; nothing of the"
                    + " failed batch was written";
            case SQLITE_READONLY -> "the database is read-only: check the permissions of the data directory and"
                    + " its files, and that the disk is not mounted read-only";
            case SQLITE_PERM, SQLITE_AUTH -> "access to the database file was denied";
            case SQLITE_BUSY, SQLITE_LOCKED -> "the database is locked by another connection for longer than the"
                    + " busy timeout: is another coordinator using the same data directory?";
            case SQLITE_IOERR -> "disk I/O error while reading or writing the database";
            case SQLITE_CORRUPT, SQLITE_NOTADB -> "the database file is corrupt or is not a taskshard database";
            case SQLITE_CANTOPEN -> "the database file cannot be opened: check that the data directory exists"
                    + " and is writable";
            case SQLITE_CONSTRAINT -> "the batch breaks a constraint of the schema (it refers to something never"
                    + " stored, or misses a required value)";
            case SQLITE_TOOBIG -> "a value is too big to store";
            default -> code.message;
        };
    }

    /** SQLite's own exception when there is one in the chain (it has the precise code), else the first SQLException. */
    private static SQLException findSqlException(Throwable failure) {
        SQLException first = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return sqlite;
            }
            if (first == null && t instanceof SQLException sql) {
                first = sql;
            }
        }
        return first;
    }
}
