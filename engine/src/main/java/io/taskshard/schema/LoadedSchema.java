package io.taskshard.schema;

import io.taskshard.model.Schema;

/**
 * A schema file as loaded: the schema itself plus what the file said beyond its tasks.
 *
 * @param schema   the validated schema
 * @param form     which of the accepted forms the file used
 * @param universe the task-director {@code universe} target (what each peer builds itself at the
 *                 end, from the cache), or null when the file has none
 */
public record LoadedSchema(Schema schema, Form form, String universe) {

    /** The three accepted schema forms. */
    public enum Form {
        /** {@code name} + {@code tasks: [- task: //target]}, as the original task-sharding tool had it. */
        TASK_SHARDING,
        /** {@code universe} + numbered {@code steps}, as the task-director tool had it. */
        TASK_DIRECTOR,
        /** {@code name} + {@code tasks} with {@code id}, {@code target}, {@code command}, {@code needs} and more. */
        RICH
    }
}
