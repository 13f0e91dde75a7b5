package warden.host.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Binds the completed tree to {@link WardenConfig} with Jackson and turns Jackson's exceptions into messages for the
 * person who wrote the file: field path, bad value, what is allowed, and for an unknown key the nearest known one.
 */
final class Binder {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("warden-config")
                    .addDeserializer(Duration.class, new DurationReader())
                    .setDeserializerModifier(new BeanDeserializerModifier() {
                        @Override
                        public JsonDeserializer<?> modifyEnumDeserializer(
                                DeserializationConfig config,
                                JavaType type,
                                BeanDescription description,
                                JsonDeserializer<?> deserializer) {
                            return new EnumReader(type.getRawClass());
                        }
                    }))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // port: 1.5 is a mistake to report, not port 1.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private Binder() {}

    /**
     * Builds Jackson's readers for the config records now (what the first {@link #bind} would): about 150 ms of a cold
     * start, worth doing on another thread while the YAML is parsed. Safe from any thread and at any time.
     */
    static void prepare() {
        MAPPER.readerFor(WardenConfig.class);
    }

    static WardenConfig bind(ObjectNode root, Origins origins) throws ConfigException {
        return bind(root, WardenConfig.class, origins);
    }

    /** Any config record on its own, with the same messages: for a rule sent to the API. */
    static <T> T bind(ObjectNode root, Class<T> type, Origins origins) throws ConfigException {
        try {
            return MAPPER.treeToValue(root, type);
        } catch (InvalidDefinitionException e) {
            throw new IllegalStateException("a config record cannot be bound: " + e.getOriginalMessage(), e);
        } catch (JsonMappingException e) {
            throw translate(e, root, origins);
        } catch (JsonProcessingException e) {
            throw new ConfigException(origins.source() + ": " + e.getOriginalMessage());
        }
    }

    private static ConfigException translate(JsonMappingException e, JsonNode root, Origins origins) {
        List<JsonMappingException.Reference> refs = e.getPath();
        String path = pathOf(refs);
        String problem;
        if (e instanceof UnrecognizedPropertyException u) {
            String key = u.getPropertyName();
            if (refs.isEmpty() || !key.equals(refs.get(refs.size() - 1).getFieldName())) {
                path = Origins.child(path, key);
            }
            problem = unknownKey(key, knownKeys(u));
        } else if (e instanceof Problem p) {
            problem = p.problem;
        } else if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            problem = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        } else if (e instanceof InvalidFormatException f) {
            String value = f.getValue() instanceof String text ? quote(text) : String.valueOf(f.getValue());
            problem = value + " is not " + describe(f.getTargetType());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            problem = "expected " + describe(m.getTargetType()) + ", got " + describe(nodeAt(root, refs));
        } else {
            problem = e.getOriginalMessage();
        }
        return ConfigException.at(origins, path, problem);
    }

    static String unknownKey(String key, List<String> known) {
        String suggestion = Suggestions.closest(key, known);
        return suggestion != null
                ? "unknown key; did you mean \"" + suggestion + "\"?"
                : "unknown key; known keys here: " + String.join(", ", known);
    }

    /** The record's component names in declaration order, which reads better than Jackson's set. */
    private static List<String> knownKeys(UnrecognizedPropertyException u) {
        Class<?> owner = u.getReferringClass();
        if (owner != null && owner.isRecord()) {
            return Arrays.stream(owner.getRecordComponents())
                    .map(RecordComponent::getName)
                    .toList();
        }
        Collection<Object> ids = u.getKnownPropertyIds();
        return ids == null
                ? List.of()
                : ids.stream().map(String::valueOf).sorted().toList();
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        String path = "";
        for (JsonMappingException.Reference r : refs) {
            path = r.getFieldName() != null
                    ? Origins.child(path, r.getFieldName())
                    : Origins.element(path, r.getIndex());
        }
        return path;
    }

    private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode node = root;
        for (JsonMappingException.Reference r : refs) {
            node = r.getFieldName() != null ? node.path(r.getFieldName()) : node.path(r.getIndex());
        }
        return node;
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Path.class) {
            return "a path";
        }
        if (type == Duration.class) {
            return "a duration (" + Durations.SYNTAX + ")";
        }
        if (type.isEnum()) {
            return "one of: " + String.join(", ", EnumNames.all(type));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        return type.getSimpleName();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isTextual() ? quote(node.asText()) : node.asText();
    }

    /** The longest value a message repeats: a mistake is recognised by its start. */
    private static final int QUOTED_CHARS = 80;

    /** {@code text} in quotes on one line: a multi-line or huge value must not turn a message into a screenful. */
    static String quote(String text) {
        String shown = text.length() > QUOTED_CHARS ? text.substring(0, QUOTED_CHARS) + "…" : text;
        return "\"" + shown.replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    /** A bad value found by one of our own readers; {@code problem} is the finished sentence. */
    private static final class Problem extends JsonMappingException {

        final String problem;

        Problem(JsonParser p, String problem) {
            super(p, problem);
            this.problem = problem;
        }
    }

    private static final class DurationReader extends StdScalarDeserializer<Duration> {

        DurationReader() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                Duration d = Durations.parse(p.getText());
                if (d == null) {
                    throw new Problem(p, quote(p.getText()) + " is not a duration; use " + Durations.SYNTAX);
                }
                return d;
            }
            if (t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() == 0) {
                return Duration.ZERO;
            }
            if (t != null && t.isNumeric()) {
                throw new Problem(p, p.getText() + " has no unit; use " + Durations.SYNTAX);
            }
            return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
        }
    }

    private static final class EnumReader extends StdScalarDeserializer<Enum<?>> {

        private final Class<?> type;

        EnumReader(Class<?> type) {
            super(type);
            this.type = type;
        }

        @Override
        public Enum<?> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                return (Enum<?>) ctx.handleUnexpectedToken(type, p);
            }
            Enum<?> found = EnumNames.find(type, p.getText());
            if (found == null) {
                throw new Problem(
                        p,
                        quote(p.getText()) + " is not allowed; use one of: " + String.join(", ", EnumNames.all(type)));
            }
            return found;
        }
    }
}
