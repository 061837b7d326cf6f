/**
 * The Runner SPI: how a peer runs one attempt of a task.
 *
 * <p>The peer client turns each {@code assign} into a {@link io.taskshard.runners.spi.TaskRun},
 * calls {@link io.taskshard.runners.spi.Runner#start}, reports {@code started} and {@code progress}
 * from the {@link io.taskshard.runners.spi.RunListener} callbacks and
 * {@link io.taskshard.runners.spi.RunHandle#tail()}, forwards {@code cancel} to
 * {@link io.taskshard.runners.spi.RunHandle#cancel}, and sends {@code finished} from
 * {@link io.taskshard.runners.spi.RunHandle#result()}. Runners are found by name with
 * {@link io.taskshard.runners.spi.Runners#byName}, which looks through every
 * {@link io.taskshard.runners.spi.RunnerProvider} on the classpath ({@link java.util.ServiceLoader}).
 * See docs/runners.md.
 */
package io.taskshard.runners.spi;
