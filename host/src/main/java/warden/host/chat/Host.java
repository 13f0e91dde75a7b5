package warden.host.chat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import warden.host.alerts.Alert;
import warden.host.alerts.Silence;
import warden.host.metrics.Aggregates;
import warden.host.metrics.Sample;
import warden.host.metrics.SeriesSource;
import warden.host.metrics.SystemSummary;
import warden.host.metrics.ThresholdStore;
import warden.host.plugins.Command;
import warden.host.plugins.EventCounters;
import warden.host.plugins.PluginInfo;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.CrashRecord;

/**
 * What the chat commands read and control in the rest of the host: the supervisor, metrics and plugin facades,
 * narrowed to the calls chat makes. {@link LiveHost} forwards to the real facades; tests give a small fake host
 * with known children and samples, so the command logic is tested on exact values.
 */
interface Host {

    List<ChildStatus> children();

    Optional<ChildStatus> status(String id);

    Future<Void> start(String id);

    Future<Void> stop(String id);

    Future<Void> restart(String id);

    Future<List<CrashRecord>> crashes(String id, int limit);

    /** Writes a console line to a running child; false when it is not running. */
    boolean send(String id, String line);

    Optional<Sample> latest(String source);

    Future<Aggregates> aggregates(String source, String series, Instant from, Instant to);

    SystemSummary system();

    /** The bands the dashboard shows, from the same store; null when there is none (tests without metrics). */
    default ThresholdStore thresholds() {
        return null;
    }

    void addSeriesSource(SeriesSource source);

    boolean handles(String commandName);

    Future<List<String>> dispatch(Command command);

    List<PluginInfo> plugins();

    EventCounters counters(String pluginId);

    Future<ReloadRecord> reload(String pluginId);

    /** Pending and firing alerts, oldest first, from the alerts facade; empty when alerts are not running. */
    default List<Alert> openAlerts() {
        return List.of();
    }

    /** {@code AlertService.silence}: a bare {@code target} is a rule name, else a child id. */
    default Future<Silence> silence(String target, Duration length, String who, String reason) {
        return Future.failedFuture("alerts are not running");
    }

    /** {@code AlertService.ack}: NoSuchElementException when no open alert has {@code id}. */
    default Alert ack(long id, String who) {
        throw new IllegalArgumentException("alerts are not running");
    }

    /** A chat line that is not a command, for plugins that listen to chat. */
    void chatEvent(String origin, String user, String text);

    /** Where plugins' unprompted lines go: {@code (origin, or null for everywhere; text)}. */
    void onPluginOutput(BiConsumer<String, String> outbox);
}
