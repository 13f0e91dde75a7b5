package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChatTextTest {

    @Test
    void windowsAsTypedInChat() {
        assertEquals(Duration.ofSeconds(30), ChatText.window("30s"));
        assertEquals(Duration.ofMinutes(5), ChatText.window("5m"));
        assertEquals(Duration.ofMinutes(90), ChatText.window("1h30m"));
        // A bare number is refused with a hint, as in the config and the API (it used to mean minutes here only).
        assertEquals(
                "window: 15 has no unit; use a whole number and a unit: 500ms, 5s, 2m, 1h or 7d",
                assertThrows(IllegalArgumentException.class, () -> ChatText.window("15"))
                        .getMessage());
        assertEquals(Duration.ofHours(1), ChatText.window("1H"));
        assertEquals(Duration.ofDays(2), ChatText.window("2d"));
        assertThrows(IllegalArgumentException.class, () -> ChatText.window("0m"));
        assertThrows(IllegalArgumentException.class, () -> ChatText.window("5 minutes"));
        assertEquals("1m30s", ChatText.windowName(Duration.ofSeconds(90)));
        assertEquals("2h", ChatText.windowName(Duration.ofHours(2)));
    }

    @Test
    void unitsAreShortAndAlwaysThere() {
        assertEquals("812 KiB", ChatText.bytes(812 * 1024));
        assertEquals("40.1 MiB", ChatText.bytes(40.1 * 1024 * 1024));
        assertEquals("1.25 GiB", ChatText.bytes(1.25 * 1024 * 1024 * 1024));
        assertEquals("45s", ChatText.duration(Duration.ofSeconds(45)));
        assertEquals("12m5s", ChatText.duration(Duration.ofSeconds(725)));
        assertEquals("3h2m", ChatText.duration(Duration.ofMinutes(182)));
        assertEquals("4d7h", ChatText.duration(Duration.ofHours(103)));
        assertEquals("199.5%", ChatText.percent(199.5));
    }
}
