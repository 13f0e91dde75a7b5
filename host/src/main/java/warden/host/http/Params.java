package warden.host.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query parameters in the forms the API accepts; a bad value throws {@link IllegalArgumentException}, which {@link
 * ApiError#fail} answers with 400 and the message.
 */
final class Params {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

    private Params() {}

    /** ISO-8601 ({@code 2026-11-23T14:00:00Z}) or epoch seconds ({@code 1795960800}, what the charts use). */
    static Instant instant(RoutingContext ctx, String name, Instant fallback) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        if (EPOCH_SECONDS.matcher(raw).matches()) {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(raw) * 1000));
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be an ISO-8601 instant or epoch seconds, got '" + raw + "'");
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}, {@code 7d}, or ISO-8601 ({@code PT5M}); positive. */
    static Duration duration(RoutingContext ctx, String name, Duration fallback) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        Duration d;
        Matcher m = SHORT_DURATION.matcher(raw);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(raw);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(
                    name + " must be a positive duration like 5m, 1h or PT5M, got '" + raw + "'");
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
