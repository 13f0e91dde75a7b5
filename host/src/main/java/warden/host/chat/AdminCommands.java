package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The commands the host answers itself, in every connector. Replies are one to three short lines with units; what
 * does not fit points to the dashboard.
 *
 * <p>This class decides which commands exist and who may run them; {@link StatusCommands}, {@link ReportCommands},
 * {@link ControlCommands} and {@link AlertCommands} compose the replies.
 *
 * <p>A mistake (unknown child, bad window, a control action that failed) is a failed future whose message is the
 * reply: {@link ChatService} sends it and records it as the outcome. Runs on the host context.
 */
final class AdminCommands {

    /** Anyone may run these: they say what runs, not how much it uses (the metrics are for admins). */
    static final Set<String> OPEN = Set.of("help", "status", "players", "plugins");

    static final Set<String> ALL = Set.of(
            "help", "status", "players", "plugins", "metrics", "top", "crashes", "restart", "stop", "start", "reload",
            "alerts", "silence", "ack");

    private final StatusCommands status;
    private final ReportCommands reports;
    private final ControlCommands control;
    private final AlertCommands alerts;

    AdminCommands(Vertx vertx, Host host, PlayerRoster roster, Clock clock, String prefix, String dashboardUrl) {
        ChildNames names = new ChildNames(host, prefix);
        this.status = new StatusCommands(host, roster, names, clock, prefix, dashboardUrl);
        this.reports = new ReportCommands(host, names, clock, prefix, dashboardUrl);
        this.control = new ControlCommands(vertx, host, names, prefix);
        this.alerts = new AlertCommands(host, clock, prefix, dashboardUrl);
    }

    boolean knows(String name) {
        return ALL.contains(name);
    }

    boolean adminOnly(String name) {
        return knows(name) && !OPEN.contains(name);
    }

    /** @param who the admin, as the alert history names them ({@code irc:alice}, {@code console}) */
    Future<List<String>> run(String name, List<String> args, String who) {
        try {
            return switch (name) {
                case "help" -> Future.succeededFuture(status.help());
                case "status" -> Future.succeededFuture(status.status());
                case "players" -> Future.succeededFuture(status.players());
                case "plugins" -> Future.succeededFuture(status.plugins());
                case "metrics" -> reports.metrics(args);
                case "top" -> Future.succeededFuture(reports.top(args));
                case "crashes" -> reports.crashes(args);
                case "reload" -> control.reload(args);
                case "alerts" -> Future.succeededFuture(alerts.alerts());
                case "silence" -> alerts.silence(args, who);
                case "ack" -> Future.succeededFuture(alerts.ack(args, who));
                default -> control.control(name, args);
            };
        } catch (IllegalArgumentException e) {
            // Usage mistakes are thrown where they are found; here they become the reply like any other failure.
            return Future.failedFuture(e);
        }
    }
}
