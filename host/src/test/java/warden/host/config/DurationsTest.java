package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The one duration syntax against its table, {@code durations.json}: the same rows the dashboard's {@code format.js}
 * is checked against (DashboardDurationsTest), so the config, API, chat, ctl, alerts and dashboard cannot drift.
 */
class DurationsTest {

    static JsonNode table() throws IOException {
        try (InputStream in = DurationsTest.class.getResourceAsStream("/durations.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void formatsEveryRowOfTheTable() throws IOException {
        for (JsonNode row : table().get("format")) {
            Duration d = Duration.ofMillis(row.get(0).asLong());
            assertEquals(row.get(1).asText(), Durations.format(d), "exact " + d);
            assertEquals(row.get(2).asText(), Durations.approximate(d), "approximate " + d);
            // Whatever is written can be read back: the exact form to the millisecond.
            assertEquals(d, Durations.parse(Durations.format(d)));
        }
    }

    @Test
    void parsesEveryRowOfTheTable() throws IOException {
        for (JsonNode row : table().get("parse")) {
            String text = row.get(0).asText();
            Duration expected =
                    row.get(1).isNull() ? null : Duration.ofMillis(row.get(1).asLong());
            assertEquals(expected, Durations.parse(text), "'" + text + "'");
        }
    }

    @Test
    void aBareNumberGetsItsOwnHint() {
        assertEquals("15 has no unit; use a whole number and a unit: 500ms, 5s, 2m, 1h or 7d", Durations.problem("15"));
        assertEquals(
                "\"5 sec\" is not a duration; use a whole number and a unit: 500ms, 5s, 2m, 1h or 7d",
                Durations.problem("5 sec"));
    }
}
