package warden.host.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warden's one duration syntax, read and written the same way by the config file, the HTTP API, chat commands, ctl and
 * alerts (the dashboard's {@code format.js} writes it too): whole numbers with a unit, {@code ms}, {@code s}, {@code
 * m}, {@code h} or {@code d}, one or several in a row from the largest ({@code 500ms}, {@code 90s}, {@code 1h30m},
 * {@code 7d}). Plain {@code 0} is zero. A bare number other than 0 is refused everywhere, with a hint, rather than
 * meaning seconds in one place and minutes in another. The table every form is tested against is {@code
 * durations.json} among the test resources.
 */
public final class Durations {

    /** How a message states the syntax. */
    public static final String SYNTAX = "a whole number and a unit: 500ms, 5s, 2m, 1h or 7d";

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final long[] SIZES = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};

    private Durations() {}

    /** The duration, or null when {@code text} is not in the syntax above (or too large to hold). */
    public static Duration parse(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(t).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(
                        switch (m.group(2)) {
                            case "ms" -> Duration.ofMillis(n);
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            default -> Duration.ofDays(n);
                        });
            }
            total.toMillis(); // more milliseconds than a long holds: as unreadable as any other value
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return total;
    }

    /** The problem with {@code text} for a message: a bare number gets its own hint, since it looks nearly right. */
    public static String problem(String text) {
        return text.strip().matches("\\d+")
                ? text.strip() + " has no unit; use " + SYNTAX
                : Binder.quote(text) + " is not a duration; use " + SYNTAX;
    }

    /** Exactly {@code d}, to the millisecond, in the syntax above: {@code 1m30s}, {@code 1h}, {@code 0s}. */
    public static String format(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < SIZES.length; i++) {
            if (ms >= SIZES[i]) {
                b.append(ms / SIZES[i]).append(UNITS[i]);
                ms %= SIZES[i];
            }
        }
        return b.toString();
    }

    /**
     * For people reading an uptime or an age: the largest unit and the next one down, truncated, the second left out
     * when zero ({@code 12m5s}, {@code 3h2m}, {@code 4d7h}, {@code 1h}); milliseconds only below one second. Still in
     * the syntax above, so what a reply shows can be typed back. Negative counts as zero.
     */
    public static String approximate(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        for (int i = 0; i < SIZES.length - 1; i++) {
            if (ms >= SIZES[i]) {
                long next = (ms % SIZES[i]) / SIZES[i + 1];
                String second = next > 0 && i + 1 < SIZES.length - 1 ? next + UNITS[i + 1] : "";
                return ms / SIZES[i] + UNITS[i] + second;
            }
        }
        throw new AssertionError("unreachable: at least one second here");
    }
}
