package warden.host.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import warden.host.config.Durations;

/** How numbers look in a chat reply: short, always with a unit, the same in every connector. */
final class ChatText {

    private ChatText() {}

    /** {@code 12.3%}; CPU is a share of one core, so a busy two-thread process reads 200%. */
    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** {@code 812 KiB}, {@code 40.1 MiB}, {@code 1.25 GiB}: binary multiples, named as such (a MB would be 10^6 bytes). */
    static String bytes(double bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024);
        }
        if (bytes < 1024.0 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** {@code 1 crash}, {@code 2 crashes}, {@code 0 samples}: the count with its noun in the number it takes. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** {@code 45s}, {@code 12m5s}, {@code 3h2m}, {@code 4d7h}: {@link Durations#approximate}, as everywhere. */
    static String duration(Duration d) {
        return Durations.approximate(d);
    }

    /**
     * A window typed in chat, in the one duration syntax ({@link Durations}): {@code 30s}, {@code 5m}, {@code 1h30m},
     * {@code 2d}; units in either case. A bare number is refused with a hint, as the config and the API refuse it.
     *
     * @throws IllegalArgumentException when it is not a positive duration
     */
    static Duration window(String text) {
        Duration d = Durations.parse(text.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException("window: " + Durations.problem(text));
        }
        if (d.isZero()) {
            throw new IllegalArgumentException("window must be longer than zero");
        }
        return d;
    }

    /** The window as typed back: {@code 5m}, {@code 1m30s}, {@code 2h}. */
    static String windowName(Duration d) {
        return Durations.format(d);
    }

    /** {@code 2m 05s ago}; empty when the moment is unknown, so the reply simply leaves it out. */
    static String ago(Instant at, Instant now) {
        return at == null ? "" : duration(Duration.between(at, now)) + " ago";
    }

    /** A link into the dashboard for what does not fit in chat; a plain pointer when no dashboard URL is set. */
    static String dashboard(String dashboardUrl, String path) {
        return dashboardUrl.isEmpty() ? "see the dashboard" : dashboardUrl.replaceAll("/$", "") + "/" + path;
    }
    /**
     * {@code text} cut to at most {@code maxBytes} bytes of UTF-8, on a character boundary, ending in {@code ...}
     * when cut: IRC counts its line limit in bytes, and one emoji is four of them.
     */
    static String fitBytes(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int budget = Math.max(0, maxBytes - 3);
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + (maxBytes >= 3 ? "..." : "");
    }

    /**
     * Text made inert for Vintage Story's chat markup (VTML, HTML-like: {@code <font>}, {@code <a href>}): the same two
     * escapes the server applies to player chat, so a player's text shows as typed instead of turning into markup.
     */
    static String vtml(String text) {
        return text.replace("<", "&lt;").replace(">", "&gt;");
    }
}
