package io.taskshard.schema;

/**
 * One thing wrong with a schema file, with where it is.
 *
 * @param file    the file (or source name) as given to the loader
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param problem what is wrong, without the location
 */
public record SchemaProblem(String file, int line, int column, String problem) {

    /** {@code file:line:column: problem}, leaving out the parts that are unknown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(problem).toString();
    }
}
