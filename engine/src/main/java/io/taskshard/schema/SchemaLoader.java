package io.taskshard.schema;

import io.taskshard.model.Schema;
import io.taskshard.schema.SchemaValidator.Violation;
import io.taskshard.schema.SourceParser.Syntax;
import io.taskshard.schema.TaskReader.TaskPositions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads schema files in any of the three accepted forms (original task-sharding, task-director,
 * rich; see docs/schemas.md), from YAML ({@code .yaml}/{@code .yml}) or JSON ({@code .json};
 * other names are sniffed: text starting with {@code {} or {@code [} is JSON).
 *
 * <p>Every problem is a {@link SchemaException} whose message reads
 * {@code schemas/x.yaml:12:5: task 'b' needs unknown task 'zz'}. A returned schema has passed
 * {@link SchemaValidator}.
 */
public final class SchemaLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaLoader.class);

    /** Files larger than this are refused before reading (about 5 million tasks of YAML). */
    public static final long DEFAULT_MAX_SCHEMA_BYTES = 512L * 1024 * 1024;

    /** How many validation problems one exception lists at most. */
    public static final int DEFAULT_MAX_REPORTED_PROBLEMS = 100;

    private SchemaLoader() {
    }

    /** Reads, parses and validates a schema file. */
    public static Schema load(Path file) {
        return loadDetailed(file).schema();
    }

    /** Parses and validates schema text; {@code sourceName} is used in messages and to pick the syntax. */
    public static Schema parse(String text, String sourceName) {
        return parseDetailed(text, sourceName).schema();
    }

    /** Like {@link #load(Path)}, also telling the form and the task-director {@code universe}. */
    public static LoadedSchema loadDetailed(Path file) {
        String name = file.toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > DEFAULT_MAX_SCHEMA_BYTES) {
                throw new SchemaException(new SchemaProblem(name, 0, 0, "the file has " + size
                        + " bytes, more than the " + DEFAULT_MAX_SCHEMA_BYTES + " a schema may have"));
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new SchemaException(new SchemaProblem(name, 0, 0, "no such file"), e);
        } catch (CharacterCodingException e) {
            throw new SchemaException(new SchemaProblem(name, 0, 0, "the file is not UTF-8 text"), e);
        } catch (IOException e) {
            throw new SchemaException(new SchemaProblem(name, 0, 0, "cannot read the file: " + e), e);
        }
        LoadedSchema loaded = parseDetailed(text, name);
        LOG.debug("loaded schema '{}' ({} tasks, {} form) from {}", loaded.schema().name(),
                loaded.schema().tasks().size(), loaded.form(), name);
        return loaded;
    }

    /** Like {@link #parse(String, String)}, also telling the form and the task-director {@code universe}. */
    public static LoadedSchema parseDetailed(String text, String sourceName) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        SourceNode root = parseTree(body, sourceName);
        SchemaReader.Result result = SchemaReader.read(root, sourceName, baseName(sourceName));
        List<Violation> violations = SchemaValidator.check(result.loaded().schema());
        if (!violations.isEmpty()) {
            throw located(sourceName, result, violations);
        }
        return result.loaded();
    }

    private static SourceNode parseTree(String text, String sourceName) {
        Syntax syntax = SourceParser.detect(sourceName, text);
        try {
            return SourceParser.parse(text, sourceName, syntax);
        } catch (SchemaException jsonError) {
            String lower = sourceName.toLowerCase(Locale.ROOT);
            boolean sniffed = syntax == Syntax.JSON && !lower.endsWith(".json");
            if (!sniffed) {
                throw jsonError;
            }
            // Unknown extension that looked like JSON: it may be a YAML flow map such as {name: x, ...}.
            try {
                return SourceParser.parse(text, sourceName, Syntax.YAML);
            } catch (SchemaException yamlError) {
                jsonError.addSuppressed(yamlError);
                throw jsonError;
            }
        }
    }

    /** The file's name without folders and without its last extension: {@code schemas/ci.yaml} → {@code ci}. */
    static String baseName(String sourceName) {
        String last = sourceName.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot > 0 ? last.substring(0, dot) : last;
    }

    private static SchemaException located(String file, SchemaReader.Result r, List<Violation> violations) {
        List<SchemaProblem> problems = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            SourceNode at = where(r, v);
            String message = v.message();
            if (v.firstTask() >= 0) {
                SourceNode first = idNode(r.positions().get(v.firstTask()));
                message += " (first defined at line " + first.line() + ")";
            }
            problems.add(new SchemaProblem(file, at.line(), at.column(), message));
        }
        problems.sort(Comparator.comparingInt(SchemaProblem::line).thenComparingInt(SchemaProblem::column));
        int total = problems.size();
        if (total > DEFAULT_MAX_REPORTED_PROBLEMS) {
            problems = new ArrayList<>(problems.subList(0, DEFAULT_MAX_REPORTED_PROBLEMS));
            problems.add(new SchemaProblem(file, 0, 0, "... and " + (total - DEFAULT_MAX_REPORTED_PROBLEMS)
                    + " more problems"));
        }
        return new SchemaException(problems, null);
    }

    /** The node a violation is about: the exact field or list item where the file has one. */
    private static SourceNode where(SchemaReader.Result r, Violation v) {
        if (v.task() < 0) {
            SourceNode node = v.field() == SchemaValidator.Field.NAME ? r.nameNode() : r.tasksNode();
            return node != null ? node : r.root();
        }
        TaskPositions p = r.positions().get(v.task());
        SourceNode node = switch (v.field()) {
            case ID -> idNode(p);
            case TARGET -> p.target();
            case COMMAND -> p.command();
            case NEEDS -> v.item() >= 0 && v.item() < p.needs().size() ? p.needs().get(v.item()) : null;
            case LABELS -> v.item() >= 0 && v.item() < p.labels().size() ? p.labels().get(v.item()) : null;
            case NAME, TASKS, TASK -> null;
        };
        return node != null ? node : p.entry();
    }

    private static SourceNode idNode(TaskPositions p) {
        return p.id() != null ? p.id() : p.entry();
    }
}
