package warden.host.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config file's duration syntax: a whole number and a unit ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h},
 * {@code 7d}), or several of them in a row ({@code 1h30m}). Plain {@code 0} is allowed because "zero" needs no unit.
 */
final class Durations {

    static final String SYNTAX = "a whole number and a unit: 500ms, 5s, 2m, 1h or 7d";

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /** The duration, or null when {@code text} is not in the syntax above. */
    static Duration parse(String text) {
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
        } catch (ArithmeticException | NumberFormatException e) {
            return null; // absurdly large: treated like any other unreadable value
        }
        return total;
    }

    /** The shortest text {@link #parse} reads back as {@code d}: {@code 90s} stays {@code 90s}, 3600s is {@code 1h}. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return (ms / sizes[i]) + units[i];
            }
        }
        throw new AssertionError("unreachable: every duration is a whole number of ms here");
    }
}
