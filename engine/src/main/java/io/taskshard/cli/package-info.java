/**
 * The {@code taskshard} command line: {@link io.taskshard.cli.Main} (exit codes 0 / 1 / 2),
 * {@code serve} ({@link io.taskshard.cli.ServeCommand}), {@code token}, {@code backup}, and what
 * the dashboards share: {@link io.taskshard.cli.DashboardTarget} (embedded or remote coordinator)
 * and {@link io.taskshard.cli.EmbeddedCoordinator}.
 *
 * <p>The outermost layer of the engine: it may depend on every engine package (it is where a
 * server is put together from flags and {@code server.yaml}). Modules above the engine add their
 * subcommands through {@link io.taskshard.cli.CommandProvider} and benchmarks through
 * {@link io.taskshard.cli.BenchmarkProvider} ({@link java.util.ServiceLoader}), so the engine never
 * depends on them. The dashboards may use this package (docs/architecture.md).
 */
package io.taskshard.cli;
