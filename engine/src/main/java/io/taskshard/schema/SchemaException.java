package io.taskshard.schema;

import java.util.List;

/**
 * A schema file that cannot be used: unreadable, bad syntax, wrong shape or failed validation.
 * The message reads {@code schemas/x.yaml:12:5: task 'b' needs unknown task 'zz'} and names the
 * first problem in document order; {@link #problems()} has all of them when validation found
 * several.
 */
public final class SchemaException extends RuntimeException {
    private final transient List<SchemaProblem> problems;

    public SchemaException(SchemaProblem problem) {
        this(List.of(problem), null);
    }

    public SchemaException(SchemaProblem problem, Throwable cause) {
        this(List.of(problem), cause);
    }

    /** @param problems at least one; the first is the one the message names */
    public SchemaException(List<SchemaProblem> problems, Throwable cause) {
        super(problems.getFirst().toString(), cause);
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return problems.getFirst().file();
    }

    /** 1-based, 0 when unknown. */
    public int line() {
        return problems.getFirst().line();
    }

    /** 1-based, 0 when unknown. */
    public int column() {
        return problems.getFirst().column();
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problems.getFirst().problem();
    }

    /** Every problem found, first one first; at least one. */
    public List<SchemaProblem> problems() {
        return problems;
    }
}
