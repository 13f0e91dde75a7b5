package warden.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of a frame: its fields as a JSON object in the order given, which is the order PROTOCOL.md shows. */
final class Fields {

    private Fields() {}

    /** {@code namesAndValues}: name, value, name, value, ...; a null value is written as JSON null. */
    static Map<String, Object> of(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }
}
