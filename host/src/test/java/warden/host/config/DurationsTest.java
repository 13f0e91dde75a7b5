package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesEveryUnitAndCombinations() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(7), Durations.parse("7d"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
    }

    @Test
    void rejectsAnythingElse() {
        for (String bad : new String[] {"", "5", "5 s", "5sec", "-5s", "1.5h", "s", "PT5S", "99999999999999999999d"}) {
            assertNull(Durations.parse(bad), bad);
        }
    }

    @Test
    void formatsWithTheLargestExactUnit() {
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("1h", Durations.format(Duration.ofSeconds(3600)));
        assertEquals("7d", Durations.format(Duration.ofDays(7)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }
}
