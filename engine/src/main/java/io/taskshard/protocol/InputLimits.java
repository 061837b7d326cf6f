package io.taskshard.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Limits every JSON and YAML parser applies to text from outside (schema files, {@code schemaText}
 * of submitted jobs, hello schemas, API bodies, the server config). Without them a 551-byte YAML
 * alias bomb expanded to 16.7 M nodes and a deeply nested document could exhaust the stack; each
 * refusal names the limit (docs/security.md, "Input limits").
 */
public final class InputLimits {
    /**
     * Deepest nesting of maps and lists. A schema nests about six deep (tasks, a task, its env);
     * a hundred is far above any real document and far below a stack overflow.
     */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 100;
    /** YAML aliases (*name) to maps or lists in one document. */
    public static final int DEFAULT_MAX_YAML_ALIASES = 1_000;
    /**
     * Nodes that aliases may add beyond the document's own: a document of N characters has at
     * most N nodes of its own, so expansions past N + this are an alias bomb, not a schema.
     */
    public static final int DEFAULT_MAX_ALIAS_EXPANSION_NODES = 1_000_000;
    /** Longest JSON string value or field name (characters); a whole task list is far shorter. */
    public static final int DEFAULT_MAX_STRING_CHARS = 64 * 1024 * 1024;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(DEFAULT_MAX_NESTING_DEPTH)
            .maxStringLength(DEFAULT_MAX_STRING_CHARS)
            .build();

    private InputLimits() {
    }

    /** Jackson's read limits with our nesting depth (its own default is 500 or 1,000 by version). */
    public static StreamReadConstraints jsonConstraints() {
        return CONSTRAINTS;
    }

    /** A JSON factory that applies {@link #jsonConstraints()}. */
    public static JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    }

    /** SnakeYAML options with our alias, nesting and size limits; recursive keys refused. */
    public static LoaderOptions yamlOptions(int maxCodePoints) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(maxCodePoints);
        options.setMaxAliasesForCollections(DEFAULT_MAX_YAML_ALIASES);
        options.setNestingDepthLimit(DEFAULT_MAX_NESTING_DEPTH);
        options.setAllowRecursiveKeys(false);
        return options;
    }
}
