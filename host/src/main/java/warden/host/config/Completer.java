package warden.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks the parsed tree along the config records' component types, before Jackson binds it, and completes it: a key
 * left out takes the value of its record's {@code DEFAULT} constant (a missing or empty section becomes all
 * defaults), tokens such as {@code ${java}} are expanded in text, and relative paths are resolved against the config
 * file's folder.
 *
 * <p>Working on the tree rather than on bound records keeps this generic: a capability that adds a component (with a
 * primitive type, even) to its record and to its {@code DEFAULT} needs no change here. Records without a {@code
 * DEFAULT} simply get no defaults.
 */
final class Completer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern TOKEN = Pattern.compile("\\$\\{([A-Za-z0-9_.-]*)}");

    /**
     * Each record's {@code DEFAULT} as a tree and its components, worked out once per type: a file with 100 services
     * asked for them hundreds of times, each a walk by reflection (40 ms of a cold start, issue 16). The trees are
     * never handed out, only copies of them.
     */
    private static final ClassValue<ObjectNode> DEFAULTS = new ClassValue<>() {
        @Override
        protected ObjectNode computeValue(Class<?> type) {
            return defaultsOf(type);
        }
    };

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private final Path baseDir;
    private final Map<String, String> tokens;
    private final Origins origins;

    /** {@code tokens} by name without {@code ${}}; {@code data} is added once the data dir is known. */
    Completer(Path baseDir, Map<String, String> tokens, Origins origins) {
        this.baseDir = baseDir;
        this.tokens = new TreeMap<>(tokens);
        this.origins = origins;
    }

    void complete(ObjectNode root) throws ConfigException {
        // The data dir goes first: ${data} may be used by every other value.
        tokens.remove("data");
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            root.put("data", WardenConfig.DEFAULT.data().toString());
        }
        root.set("data", walk(root.get("data"), Path.class, "data", null));
        if (root.get("data").isTextual()) {
            tokens.put("data", root.get("data").asText());
        }
        walk(root, WardenConfig.class, "", null);
    }

    private JsonNode walk(JsonNode node, Type type, String path, JsonNode inherited) throws ConfigException {
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            return record(node, raw, path, inherited);
        }
        if (List.class.isAssignableFrom(raw) && node.isArray()) {
            Type item = typeArgument(type, 0);
            ArrayNode list = (ArrayNode) node;
            for (int i = 0; i < list.size(); i++) {
                list.set(i, walk(list.get(i), item, Origins.element(path, i), null));
            }
        } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
            Type value = typeArgument(type, 1);
            ObjectNode map = (ObjectNode) node;
            for (Iterator<String> keys = map.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                map.set(key, walk(map.get(key), value, Origins.child(path, key), null));
            }
        } else if ((raw == String.class || raw == Path.class) && isText(node, path)) {
            String text = expand(textOf(node, path), path);
            return NODES.textNode(raw == Path.class ? resolve(text, path) : text);
        }
        return node;
    }

    private String resolve(String text, String path) throws ConfigException {
        try {
            return baseDir.resolve(text).normalize().toString();
        } catch (InvalidPathException e) {
            throw ConfigException.at(origins, path, Binder.quote(text) + " is not a path: " + e.getReason());
        }
    }

    /** Text, or a scalar YAML read as a boolean or number that this text position takes as written. */
    private boolean isText(JsonNode node, String path) {
        return node.isTextual() || (node.isValueNode() && !node.isNull() && origins.writtenAt(path) != null);
    }

    private String textOf(JsonNode node, String path) {
        return node.isTextual() ? node.asText() : origins.writtenAt(path);
    }

    private JsonNode record(JsonNode node, Class<?> type, String path, JsonNode inherited) throws ConfigException {
        if (node == null || node.isNull()) {
            node = NODES.objectNode();
        }
        if (!node.isObject()) {
            return node; // the wrong shape: Jackson's message says what was expected
        }
        ObjectNode object = (ObjectNode) node;
        ObjectNode defaults = DEFAULTS.get(type); // read only: what is used of it is copied below
        if (inherited != null && inherited.isObject()) {
            defaults = defaults.deepCopy();
            defaults.setAll((ObjectNode) inherited);
        }
        for (RecordComponent c : COMPONENTS.get(type)) {
            String name = c.getName();
            JsonNode value = object.get(name);
            JsonNode fallback = defaults.get(name);
            if ((value == null || value.isNull()) && fallback != null) {
                value = fallback.deepCopy();
            }
            if (value != null) {
                object.set(name, walk(value, c.getGenericType(), Origins.child(path, name), fallback));
            }
        }
        return object;
    }

    private String expand(String text, String path) throws ConfigException {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = tokens.get(m.group(1));
            if (value == null) {
                throw ConfigException.at(
                        origins,
                        path,
                        "unknown token " + m.group() + "; known tokens: "
                                + String.join(
                                        ", ",
                                        tokens.keySet().stream()
                                                .map(t -> "${" + t + "}")
                                                .toList()));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The record's {@code public static final DEFAULT}, as a tree; empty when it has none. */
    private static ObjectNode defaultsOf(Class<?> type) {
        for (Field f : type.getFields()) {
            if (f.getName().equals("DEFAULT") && f.getType() == type && Modifier.isStatic(f.getModifiers())) {
                try {
                    return (ObjectNode) toTree(f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(type + ".DEFAULT is not readable", e);
                }
            }
        }
        return NODES.objectNode();
    }

    /** The tree the file would need to produce {@code value}: durations as {@code 5s}, enums as {@code on-failure}. */
    static JsonNode toTree(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Record r) {
            ObjectNode node = NODES.objectNode();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    JsonNode child = toTree(c.getAccessor().invoke(r));
                    if (child != null) {
                        node.set(c.getName(), child);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
            }
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode();
            list.forEach(item -> node.add(toTree(item)));
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), toTree(v)));
            return node;
        }
        if (value instanceof Duration d) {
            return NODES.textNode(Durations.format(d));
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(EnumNames.of(e));
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        return NODES.textNode(value.toString()); // String, Path and anything else written as text
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class; // wildcards and type variables: free-form, nothing to complete
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
}
