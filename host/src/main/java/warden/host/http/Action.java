package warden.host.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code POST /api/v1/children/{id}/{action}} can ask; written in lower case in the path and the reply. */
enum Action {
    START,
    STOP,
    RESTART,
    RELOAD;

    static final String ALLOWED = Arrays.stream(values()).map(Action::wire).collect(Collectors.joining(", "));

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action written as {@code text} in a path, or null. */
    static Action of(String text) {
        return Arrays.stream(values())
                .filter(a -> a.wire().equals(text))
                .findFirst()
                .orElse(null);
    }
}
