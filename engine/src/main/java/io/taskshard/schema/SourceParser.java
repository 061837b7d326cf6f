package io.taskshard.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.taskshard.schema.SourceNode.Entry;
import io.taskshard.schema.SourceNode.Kind;
import io.taskshard.schema.SourceNode.MapNode;
import io.taskshard.schema.SourceNode.Scalar;
import io.taskshard.schema.SourceNode.Seq;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.taskshard.protocol.InputLimits;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML (SnakeYAML's node API) or JSON (Jackson's streaming parser) into a
 * {@link SourceNode} tree that keeps 1-based positions. Pure: text in, tree or
 * {@link SchemaException} out.
 */
final class SourceParser {

    /** Which parser reads the text. */
    enum Syntax { YAML, JSON }

    /** Above this many entries a map checks duplicate keys with a hash set instead of a scan. */
    private static final int LINEAR_DUPLICATE_SCAN_LIMIT = 16;

    private static final JsonFactory JSON = InputLimits.jsonFactory();

    private SourceParser() {
    }

    /** {@code .json} is JSON, {@code .yaml}/{@code .yml} YAML; otherwise JSON when the text starts with { or [. */
    static Syntax detect(String sourceName, String text) {
        String lower = sourceName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return Syntax.JSON;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return Syntax.YAML;
        }
        return looksLikeJson(text) ? Syntax.JSON : Syntax.YAML;
    }

    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    /** @return the document's root, never null: an empty document is a {@link SchemaException} */
    static SourceNode parse(String text, String file, Syntax syntax) {
        return syntax == Syntax.JSON ? parseJson(text, file) : parseYaml(text, file);
    }

    // ---------------------------------------------------------------- YAML

    private static SourceNode parseYaml(String text, String file) {
        // The size limit is enforced by the loader; SnakeYAML's 3 MB default would refuse big schemas.
        LoaderOptions options = InputLimits.yamlOptions(Integer.MAX_VALUE);
        options.setMergeOnCompose(true);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            // SnakeYAML phrases these as "<context>, <problem>": "while parsing a flow sequence, expected ','..."
            String what = e.getProblem() != null ? e.getProblem() : e.getContext();
            if (e.getContext() != null && e.getProblem() != null) {
                what = e.getContext() + ", " + e.getProblem();
            }
            throw new SchemaException(new SchemaProblem(file, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "YAML syntax error: " + oneLine(what)), e);
        } catch (YAMLException e) {
            throw new SchemaException(new SchemaProblem(file, 0, 0, "YAML error: " + oneLine(e.getMessage())), e);
        }
        if (root == null) {
            throw new SchemaException(new SchemaProblem(file, 0, 0, "the file is empty"));
        }
        return new YamlConverter(file, (long) text.length() + InputLimits.DEFAULT_MAX_ALIAS_EXPANSION_NODES)
                .convert(root);
    }

    /**
     * Turns SnakeYAML nodes into source nodes; aliases are expanded, recursive ones refused, and
     * the expansion stops at {@code maxNodes} (an alias bomb of a few hundred bytes names
     * millions of nodes; SnakeYAML composes it as a small graph, expanding it is what kills).
     */
    private static final class YamlConverter {
        private final String file;
        private final long maxNodes;
        private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
        private long nodes;

        YamlConverter(String file, long maxNodes) {
            this.file = file;
            this.maxNodes = maxNodes;
        }

        SourceNode convert(Node node) {
            int line = node.getStartMark().getLine() + 1;
            int column = node.getStartMark().getColumn() + 1;
            if (++nodes > maxNodes) {
                throw new SchemaException(new SchemaProblem(file, line, column, "aliases expand to more than "
                        + maxNodes + " nodes (the document's length plus " + InputLimits.DEFAULT_MAX_ALIAS_EXPANSION_NODES
                        + ", the alias-expansion limit): refused as an alias bomb"));
            }
            if (node instanceof ScalarNode s) {
                return scalar(s, line, column);
            }
            if (!inProgress.add(node)) {
                throw new SchemaException(new SchemaProblem(file, line, column, "an alias refers to itself"));
            }
            try {
                if (node instanceof SequenceNode seq) {
                    List<SourceNode> items = new ArrayList<>(seq.getValue().size());
                    for (Node item : seq.getValue()) {
                        items.add(convert(item));
                    }
                    return new Seq(List.copyOf(items), line, column);
                }
                MappingNode map = (MappingNode) node;
                List<Entry> entries = new ArrayList<>(map.getValue().size());
                for (NodeTuple tuple : map.getValue()) {
                    SourceNode key = convert(tuple.getKeyNode());
                    if (!(key instanceof Scalar k) || k.isNull()) {
                        throw new SchemaException(new SchemaProblem(file, key.line(), key.column(),
                                "map keys must be plain values, not " + key.describe()));
                    }
                    entries.add(new Entry(k, convert(tuple.getValueNode())));
                }
                return mapNode(file, entries, line, column);
            } finally {
                inProgress.remove(node);
            }
        }

        private static Scalar scalar(ScalarNode s, int line, int column) {
            String text = s.getValue();
            Tag tag = s.getTag();
            if (Tag.NULL.equals(tag)) {
                return new Scalar(Kind.NULL, text, null, line, column);
            }
            if (Tag.BOOL.equals(tag)) {
                String lower = text.toLowerCase(Locale.ROOT);
                boolean value = lower.equals("true") || lower.equals("yes") || lower.equals("on");
                return new Scalar(Kind.BOOLEAN, text, value, line, column);
            }
            if (Tag.INT.equals(tag)) {
                Number n = integer(text.replace("_", ""));
                if (n != null) {
                    return new Scalar(Kind.INTEGER, text, n, line, column);
                }
            }
            if (Tag.FLOAT.equals(tag)) {
                try {
                    return new Scalar(Kind.FLOAT, text, Double.parseDouble(text.replace("_", "")), line, column);
                } catch (NumberFormatException e) {
                    // .inf, .nan and the like: not meaningful in a schema, kept as the text written
                }
            }
            // Strings, timestamps, custom tags and the integer forms we do not read (0x.., 1:30)
            return new Scalar(Kind.STRING, text, text, line, column);
        }

        private static Number integer(String digits) {
            try {
                BigInteger big = new BigInteger(digits);
                return big.bitLength() < 64 ? (Number) big.longValue() : big;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- JSON

    private static SourceNode parseJson(String text, String file) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() == null) {
                throw new SchemaException(new SchemaProblem(file, 0, 0, "the file is empty"));
            }
            SourceNode root = readJson(p, file);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new SchemaException(new SchemaProblem(file, at.getLineNr(), at.getColumnNr(),
                        "JSON syntax error: unexpected content after the end of the document"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SchemaException(new SchemaProblem(file, at == null ? 0 : Math.max(at.getLineNr(), 0),
                    at == null ? 0 : Math.max(at.getColumnNr(), 0),
                    "JSON syntax error: " + oneLine(e.getOriginalMessage())), e);
        } catch (IOException e) {
            // Reading from a String cannot fail with plain I/O; kept for the checked signature.
            throw new SchemaException(new SchemaProblem(file, 0, 0, "cannot read JSON: " + e.getMessage()), e);
        }
    }

    /** Reads the value at the current token. Depth is bounded by Jackson's nesting limit. */
    private static SourceNode readJson(JsonParser p, String file) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                List<Entry> entries = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation keyAt = p.currentTokenLocation();
                    String name = p.currentName();
                    Scalar key = new Scalar(Kind.STRING, name, name, keyAt.getLineNr(), keyAt.getColumnNr());
                    p.nextToken();
                    entries.add(new Entry(key, readJson(p, file)));
                }
                return mapNode(file, entries, line, column);
            }
            case START_ARRAY -> {
                List<SourceNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readJson(p, file));
                }
                return new Seq(List.copyOf(items), line, column);
            }
            case VALUE_STRING -> {
                String s = p.getText();
                return new Scalar(Kind.STRING, s, s, line, column);
            }
            case VALUE_NUMBER_INT -> {
                Number n = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue() : (Number) p.getLongValue();
                return new Scalar(Kind.INTEGER, p.getText(), n, line, column);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Scalar(Kind.FLOAT, p.getText(), p.getDoubleValue(), line, column);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(Kind.BOOLEAN, p.getText(), token == JsonToken.VALUE_TRUE, line, column);
            }
            case VALUE_NULL -> {
                return new Scalar(Kind.NULL, "null", null, line, column);
            }
            default -> throw new SchemaException(new SchemaProblem(file, line, column,
                    "JSON syntax error: unexpected " + token));
        }
    }

    // ---------------------------------------------------------------- shared

    /** Builds a map node, refusing a key that appears twice (pointing at the second one). */
    private static MapNode mapNode(String file, List<Entry> entries, int line, int column) {
        if (entries.size() <= LINEAR_DUPLICATE_SCAN_LIMIT) {
            for (int i = 1; i < entries.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (entries.get(i).key().text().equals(entries.get(j).key().text())) {
                        throw duplicateKey(file, entries.get(i).key(), entries.get(j).key());
                    }
                }
            }
        } else {
            Map<String, Scalar> seen = new HashMap<>();
            for (Entry e : entries) {
                Scalar first = seen.putIfAbsent(e.key().text(), e.key());
                if (first != null) {
                    throw duplicateKey(file, e.key(), first);
                }
            }
        }
        return new MapNode(List.copyOf(entries), line, column);
    }

    private static SchemaException duplicateKey(String file, Scalar again, Scalar first) {
        return new SchemaException(new SchemaProblem(file, again.line(), again.column(),
                "duplicate key '" + again.text() + "' (first at line " + first.line() + ")"));
    }

    private static String oneLine(String s) {
        return s == null ? "unknown problem" : s.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
