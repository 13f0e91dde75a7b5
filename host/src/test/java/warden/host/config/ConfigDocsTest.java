package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md documents every key: a capability that adds a component to its config record fails this test
 * until the reference lists it (as {@code `section.key`}, with {@code []} for list items and {@code <id>} for map
 * keys).
 */
class ConfigDocsTest {

    @Test
    void everyKeyIsInTheReference() throws Exception {
        // Surefire runs in the host module's folder.
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<String> keys = new ArrayList<>();
        collect(WardenConfig.class, "", keys);
        List<String> missing =
                keys.stream().filter(k -> !docs.contains("`" + k + "`")).toList();
        assertEquals(List.of(), missing, "keys missing from docs/configuration.md");
    }

    private static void collect(Class<?> record, String prefix, List<String> keys) {
        for (RecordComponent c : record.getRecordComponents()) {
            String path = prefix + c.getName();
            Type type = c.getGenericType();
            Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
            Type item =
                    type instanceof ParameterizedType p ? p.getActualTypeArguments()[raw == Map.class ? 1 : 0] : null;
            if (raw.isRecord()) {
                collect(raw, path + ".", keys);
            } else if (raw == List.class && item instanceof Class<?> k && k.isRecord()) {
                collect(k, path + "[].", keys);
            } else if (raw == Map.class && item instanceof Class<?> k && k.isRecord()) {
                collect(k, path + ".<id>.", keys);
            } else {
                keys.add(path);
            }
        }
    }
}
