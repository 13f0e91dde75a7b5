package warden.host.plugins;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How a reload ended. Written as {@code ok}/{@code failed} everywhere: API, stream, database, chat. */
public enum ReloadOutcome {
    OK,
    FAILED;

    /** {@code ok} or {@code failed}: the name on the wire and in the {@code plugin_reloads} table. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome written as {@code text} in a stored row. */
    static ReloadOutcome of(String text) {
        return Arrays.stream(values())
                .filter(o -> o.wire().equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("reload outcome must be ok or failed, not " + text));
    }

    /** The wire name, so that a record read in a line of text reads as it always did. */
    @Override
    public String toString() {
        return wire();
    }
}
