package warden.host.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import warden.host.config.Durations;

/**
 * Query parameters in the forms the API accepts; a bad value throws {@link IllegalArgumentException}, which {@link
 * ApiError#fail} answers with 400 and the message.
 */
final class Params {

    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

    /** Instants the API takes: stored data starts after 1970 and nothing is kept past 9999. */
    static final Instant EARLIEST = Instant.EPOCH;

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Longest duration taken: ten years (the longest tier keeps less), so no sum of instants overflows. */
    static final Duration LONGEST = Duration.ofDays(3653);

    private Params() {}

    /**
     * ISO-8601 ({@code 2026-11-23T14:00:00Z}) or epoch seconds ({@code 1795960800}, what the charts use), between
     * {@link #EARLIEST} and {@link #LATEST}.
     */
    static Instant instant(RoutingContext ctx, String name, Instant fallback) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        Instant at;
        try {
            at = EPOCH_SECONDS.matcher(raw).matches()
                    ? Instant.ofEpochMilli(Math.round(Double.parseDouble(raw) * 1000))
                    : Instant.parse(raw);
        } catch (DateTimeParseException | ArithmeticException e) {
            at = null;
        }
        if (at == null || at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant or epoch seconds between "
                    + EARLIEST + " and " + LATEST + ", got '" + raw + "'");
        }
        return at;
    }

    /** An entry's sequence number ({@code before=12}): a positive integer; null when absent. */
    static Long sequence(RoutingContext ctx, String name) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // Worded below.
        }
        throw new IllegalArgumentException(name + " must be a positive sequence number (seq), got '" + raw + "'");
    }

    /** A positive duration in Warden's one syntax ({@link Durations}: {@code 90s}, {@code 1h30m}, {@code 7d}). */
    static Duration duration(RoutingContext ctx, String name, Duration fallback) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        Duration d = Durations.parse(raw);
        if (d == null || d.isZero() || d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be a positive duration, " + Durations.SYNTAX
                    + " (or several: 1h30m), at most " + LONGEST.toDays() + "d, got '" + raw + "'");
        }
        return d;
    }

    static int integer(RoutingContext ctx, String name, int fallback, int min, int max) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // Worded below, with the range.
        }
        throw new IllegalArgumentException(
                name + " must be an integer in [" + min + ", " + max + "], got '" + raw + "'");
    }
}
