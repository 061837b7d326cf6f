/**
 * Schema files: {@link io.taskshard.schema.SchemaLoader} reads the three accepted forms (original
 * task-sharding, task-director, rich) from YAML or JSON into a {@link io.taskshard.model.Schema},
 * keeping line and column of every entry ({@link io.taskshard.schema.SourceParser},
 * {@link io.taskshard.schema.SourceNode}, {@link io.taskshard.schema.SchemaReader},
 * {@link io.taskshard.schema.TaskReader}); {@link io.taskshard.schema.SchemaValidator} refuses
 * unrunnable ones with a {@link io.taskshard.schema.SchemaException} naming file, line and
 * problem; {@link io.taskshard.schema.SchemaHash} is the fingerprint that decides which peers
 * may share a job. See docs/schemas.md.
 *
 * <p>Pure (text in, schema or problems out). Depends on {@code model}, {@code protocol} (a task's
 * wire form), Jackson, SnakeYAML and the JDK.
 */
package io.taskshard.schema;
