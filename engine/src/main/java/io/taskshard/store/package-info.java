/**
 * Durable state in one SQLite file (WAL). {@link io.taskshard.store.Store} is the interface the
 * coordinator uses: {@code commit} (one transaction per batch of {@code Change}s, from the one
 * writer), {@code recover} (every unfinished job for the scheduler after a restart) and reads for
 * the operator API. {@link io.taskshard.store.SqliteStore} implements it with a writer connection
 * ({@link io.taskshard.store.ChangeWriter}: one prepared statement per table, rows bound into JDBC
 * batches) and a read connection ({@link io.taskshard.store.StoreReader});
 * {@link io.taskshard.store.Migrations} versions the schema, {@link io.taskshard.store.WalCheckpointer}
 * checkpoints off the coordinator thread, {@link io.taskshard.store.SqliteMaintenance} does
 * integrity check and backup, {@link io.taskshard.store.TokenStore} holds API tokens.
 *
 * <p>Failures are {@link io.taskshard.store.StoreException}s that say whether they may pass.
 * Depends on {@code model}, {@code auth} (token records), {@code protocol} (a task's wire form in
 * JSON columns) and the JDK + sqlite-jdbc; never on the scheduler or the server.
 */
package io.taskshard.store;
