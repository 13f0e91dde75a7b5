package warden.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's JSON: reads what the host writes, and writes exactly what the runner wrote with Jackson before. */
class JsonTest {

    @Test
    void readsObjectsWithEveryKindOfValue() throws IOException {
        Map<String, Object> frame =
                JsonReader.parseObject(" {\"type\":\"event\", \"seq\":42,\"args\":[\"2d6\",-1,2.5e3],"
                        + "\"ok\":true,\"no\":false,\"none\":null,\"nested\":{\"empty\":{},\"list\":[]},"
                        + "\"text\":\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83c\\udfb2 ünï\"} ");

        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("empty", Map.of());
        nested.put("list", List.of());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "event");
        expected.put("seq", 42L);
        expected.put("args", List.of("2d6", -1L, 2500.0));
        expected.put("ok", true);
        expected.put("no", false);
        expected.put("none", null);
        expected.put("nested", nested);
        expected.put("text", "a\"b\\c/d\n\té\uD83C\uDFB2 ünï");
        assertEquals(expected, frame);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(frame.keySet()), "field order is kept");
    }

    @Test
    void writesWhatJacksonWrote() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        all.append("é\u2028\uD83C\uDFB2");
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "result");
        frame.put("seq", Long.MAX_VALUE);
        frame.put("int", -7);
        frame.put("double", 0.1);
        frame.put("big", 1e300);
        frame.put("nan", Double.NaN);
        frame.put("flag", false);
        frame.put("none", null);
        frame.put("text", all.toString());
        frame.put("replies", new ArrayList<>(Arrays.asList("one", null, Map.of("k", List.of()))));

        StringBuilder ours = new StringBuilder();
        JsonWriter.write(frame, ours);

        assertEquals(jackson(frame), ours.toString());
        assertEquals(all.toString(), JsonReader.parseObject(ours.toString()).get("text"));
    }

    @Test
    void refusesWhatIsNoJsonObject() {
        for (String bad : List.of(
                "",
                "[]",
                "\"text\"",
                "{",
                "{\"a\":1",
                "{\"a\" 1}",
                "{a:1}",
                "{\"a\":1,}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":-}",
                "{\"a\":99999999999999999999}",
                "{\"a\":tru}",
                "{\"a\":\"raw \u0001 control\"}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"open}",
                "{\"a\":1} trailing")) {
            assertThrows(IOException.class, () -> JsonReader.parseObject(bad), bad);
        }
    }

    /** How the runner wrote a frame before: Jackson's generator over the same values. */
    private static String jackson(Object value) throws IOException {
        StringWriter s = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(s)) {
            jackson(g, value);
        }
        return s.toString();
    }

    private static void jackson(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                jackson(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                jackson(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
