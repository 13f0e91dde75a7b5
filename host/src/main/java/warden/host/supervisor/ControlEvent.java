package warden.host.supervisor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A start, stop or restart of a child that was not a crash: asked for (from chat, the API or the console) or done by
 * the supervisor after a crash. With the crash records these are the markers on a child's charts, and they outlive
 * the host like the charts' history does.
 *
 * @param detail why: {@code requested}, {@code after a crash}, {@code after back-off}, …
 */
public record ControlEvent(String childId, Instant at, Kind kind, String detail) {

    /** Written {@code start}, {@code stop}, {@code restart}: in the {@code control_events} table and the markers. */
    public enum Kind {
        START,
        STOP,
        RESTART;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The wire name, so that an event read in a line of text reads as it always did. */
        @Override
        public String toString() {
            return wire();
        }

        /** The kind written as {@code text} in a stored row. */
        public static Kind of(String text) {
            return Arrays.stream(values())
                    .filter(k -> k.wire().equals(text))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "control event kind must be start, stop or restart, not " + text));
        }
    }
}
