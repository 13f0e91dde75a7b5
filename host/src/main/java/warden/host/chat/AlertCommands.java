package warden.host.chat;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import warden.host.alerts.Alert;
import warden.host.alerts.AlertState;
import warden.host.config.AlertRules;

/**
 * {@code !alerts}, {@code !silence <rule|child> <duration> [reason]} and {@code !ack <id>}: the alerts facade from
 * chat, for admins only (they say what is wrong, and silence the people who would hear of it). Replies are short; the
 * whole list is on the dashboard's Alerts page.
 */
final class AlertCommands {

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Host host;
    private final Clock clock;
    private final String prefix;
    private final String dashboardUrl;

    AlertCommands(Host host, Clock clock, String prefix, String dashboardUrl) {
        this.host = host;
        this.clock = clock;
        this.prefix = prefix;
        this.dashboardUrl = dashboardUrl;
    }

    /** One line per firing alert, newest last; past three, the last line says how many more and where. */
    List<String> alerts() {
        List<Alert> open = host.openAlerts();
        List<Alert> firing =
                open.stream().filter(a -> a.state() == AlertState.FIRING).toList();
        long pending = open.size() - firing.size();
        String waiting = pending == 0 ? "" : " (" + pending + " pending)";
        if (firing.isEmpty()) {
            return List.of("no alerts firing" + waiting);
        }
        Instant now = clock.instant();
        List<String> lines = new ArrayList<>();
        for (Alert a : firing) {
            if (lines.size() == 2 && firing.size() > 3) {
                lines.add("and " + (firing.size() - 2) + " more firing" + waiting + ": "
                        + ChatText.dashboard(dashboardUrl, "#/alerts"));
                return lines;
            }
            lines.add("#" + a.id() + " " + a.rule() + " " + a.scope() + " ("
                    + a.severity().name().toLowerCase(Locale.ROOT) + ", " + ChatText.ago(a.firingSince(), now)
                    + (a.acknowledgedBy() == null ? "" : ", acked by " + a.acknowledgedBy()) + "): " + a.summary());
        }
        return lines;
    }

    Future<List<String>> silence(List<String> args, String who) {
        Duration length = args.size() < 2 ? null : duration(args.get(1));
        if (length == null) {
            throw new IllegalArgumentException(
                    "usage: " + prefix + "silence <rule|child> <duration like 30m or 2h> [reason]");
        }
        String reason = args.size() > 2 ? String.join(" ", args.subList(2, args.size())) : null;
        return host.silence(args.get(0), length, who, reason)
                .map(s -> List.of("silenced " + s.matcher() + " for " + ChatText.duration(length) + ", until "
                        + HOUR.format(s.until()) + " (silence " + s.id() + ")"));
    }

    List<String> ack(List<String> args, String who) {
        long id;
        try {
            id = Long.parseLong(args.isEmpty() ? "" : args.get(0).replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("usage: " + prefix + "ack <alert id>; " + prefix + "alerts lists them");
        }
        try {
            Alert a = host.ack(id, who);
            return List.of("acknowledged #" + id + " " + a.rule() + " " + a.scope() + ": no more repeats");
        } catch (NoSuchElementException e) {
            throw new IllegalArgumentException(e.getMessage() + "; " + prefix + "alerts lists them");
        }
    }

    private static Duration duration(String text) {
        try {
            Duration d = AlertRules.duration(text);
            return d == null || d.isZero() || d.isNegative() ? null : d;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
