package warden.host.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads YAML text into a Jackson tree while noting the line of every key and list item in {@link Origins}, which a
 * plain {@code readTree} forgets. Also rejects a key given twice in one mapping, which YAML parsers silently resolve
 * to the last one.
 */
final class YamlTree {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Pattern PARSER_EVENT = Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event\\b");
    private static final Map<String, String> EVENTS = Map.of(
            "SequenceStart", "a list", "MappingStart", "a mapping", "Alias", "an alias (*name)", "Scalar", "a value");

    /**
     * The deepest nesting read. A config needs five or six levels; the tree is read by recursion, and a file nested a
     * thousand deep overflowed the reading thread's stack (a StackOverflowError instead of a message, found by
     * ConfigFuzzTest) before Jackson's own limit of 1000 was reached.
     */
    static final int MAX_DEPTH = 64;

    private final Origins origins;
    private int depth;

    private YamlTree(Origins origins) {
        this.origins = origins;
    }

    /** The top-level mapping; an empty document is an empty mapping. */
    static ObjectNode read(String text, Origins origins) throws ConfigException {
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() == null) {
                return NODES.objectNode();
            }
            JsonNode root = new YamlTree(origins).value(p, "");
            if (root.isNull()) {
                return NODES.objectNode();
            }
            if (!root.isObject()) {
                throw ConfigException.at(
                        origins, "", "the top level must be a mapping of sections (http, data, metrics, ...)");
            }
            return (ObjectNode) root;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where =
                    at == null ? origins.source() : origins.source() + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ConfigException(where + ": YAML syntax error: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(origins.source() + ": cannot read: " + e.getMessage());
        }
    }

    private JsonNode value(JsonParser p, String path) throws IOException, ConfigException {
        JsonToken token = p.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw ConfigException.at(
                    origins, path, "nested more than " + MAX_DEPTH + " levels deep; a config needs a few");
        }
        return switch (token) {
            case START_OBJECT -> mapping(p, path);
            case START_ARRAY -> list(p, path);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p, path);
            case VALUE_TRUE, VALUE_FALSE -> {
                origins.written(path, p.getText());
                yield NODES.booleanNode(p.getBooleanValue());
            }
            case VALUE_NULL -> NODES.nullNode();
            default -> throw ConfigException.at(origins, path, "unsupported YAML value (" + token + ")");
        };
    }

    private JsonNode number(JsonParser p, String path) throws IOException {
        String text = p.getText();
        origins.written(path, text);
        try {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                return NODES.numberNode(p.getDecimalValue());
            }
            return switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
        } catch (JsonProcessingException | NumberFormatException e) {
            // .inf, .nan: no field takes them as a number, and a command may take them as text.
            return NODES.textNode(text);
        }
    }

    private ObjectNode mapping(JsonParser p, String path) throws IOException, ConfigException {
        depth++;
        ObjectNode node = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String keyPath = Origins.child(path, key);
            int line = p.currentTokenLocation().getLineNr();
            if (node.has(key)) {
                throw new ConfigException(origins.source() + ":" + line + ": " + keyPath + ": given twice");
            }
            origins.line(keyPath, line);
            p.nextToken();
            node.set(key, value(p, keyPath));
        }
        depth--;
        return node;
    }

    private ArrayNode list(JsonParser p, String path) throws IOException, ConfigException {
        depth++;
        ArrayNode node = NODES.arrayNode();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String itemPath = Origins.element(path, index++);
            origins.line(itemPath, p.currentTokenLocation().getLineNr());
            node.add(value(p, itemPath));
        }
        depth--;
        return node;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = (nl < 0 ? message : message.substring(0, nl)).strip();
        // A list, mapping or alias as a key: Jackson names SnakeYAML's event class, which says nothing to a reader.
        Matcher m = PARSER_EVENT.matcher(line);
        return m.find() ? "a key must be plain text, not " + EVENTS.getOrDefault(m.group(1), "this") : line;
    }
}
