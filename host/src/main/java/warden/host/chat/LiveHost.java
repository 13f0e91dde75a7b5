package warden.host.chat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import warden.host.alerts.Alert;
import warden.host.alerts.AlertService;
import warden.host.alerts.Silence;
import warden.host.metrics.Aggregates;
import warden.host.metrics.MetricsService;
import warden.host.metrics.Sample;
import warden.host.metrics.SeriesSource;
import warden.host.metrics.SystemSummary;
import warden.host.metrics.ThresholdStore;
import warden.host.plugins.Command;
import warden.host.plugins.EventCounters;
import warden.host.plugins.PluginHost;
import warden.host.plugins.PluginInfo;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.CrashRecord;
import warden.host.supervisor.Supervisor;

/** The production {@link Host}: straight calls into the supervisor, metrics, plugin and alerts facades. */
final class LiveHost implements Host {

    private final Supervisor supervisor;
    private final MetricsService metrics;
    private final PluginHost plugins;
    private final AlertService alerts;

    /** {@code alerts} may be null: a host without them answers the alert commands with that. */
    LiveHost(Supervisor supervisor, MetricsService metrics, PluginHost plugins, AlertService alerts) {
        this.supervisor = supervisor;
        this.metrics = metrics;
        this.plugins = plugins;
        this.alerts = alerts;
    }

    @Override
    public List<Alert> openAlerts() {
        return alerts == null ? List.of() : alerts.active();
    }

    @Override
    public Future<Silence> silence(String target, Duration length, String who, String reason) {
        return alerts == null
                ? Host.super.silence(target, length, who, reason)
                : alerts.silence(target, length, who, reason);
    }

    @Override
    public Alert ack(long id, String who) {
        return alerts == null ? Host.super.ack(id, who) : alerts.ack(id, who);
    }

    @Override
    public List<ChildStatus> children() {
        return supervisor.children();
    }

    @Override
    public Optional<ChildStatus> status(String id) {
        return supervisor.status(id);
    }

    @Override
    public ThresholdStore thresholds() {
        return metrics.thresholds();
    }

    @Override
    public Future<Void> start(String id) {
        return supervisor.start(id);
    }

    @Override
    public Future<Void> stop(String id) {
        return supervisor.stop(id);
    }

    @Override
    public Future<Void> restart(String id) {
        return supervisor.restart(id);
    }

    @Override
    public Future<List<CrashRecord>> crashes(String id, int limit) {
        return supervisor.crashes(id, limit);
    }

    @Override
    public boolean send(String id, String line) {
        return supervisor.send(id, line);
    }

    @Override
    public Optional<Sample> latest(String source) {
        return metrics.latest(source);
    }

    @Override
    public Future<Aggregates> aggregates(String source, String series, Instant from, Instant to) {
        return metrics.aggregates(source, series, from, to);
    }

    @Override
    public SystemSummary system() {
        return metrics.system();
    }

    @Override
    public void addSeriesSource(SeriesSource source) {
        metrics.addSource(source);
    }

    @Override
    public boolean handles(String commandName) {
        return plugins.handles(commandName);
    }

    @Override
    public Future<List<String>> dispatch(Command command) {
        return plugins.dispatch(command);
    }

    @Override
    public List<PluginInfo> plugins() {
        return plugins.plugins();
    }

    @Override
    public EventCounters counters(String pluginId) {
        return plugins.counters(pluginId);
    }

    @Override
    public Future<ReloadRecord> reload(String pluginId) {
        return plugins.reload(pluginId);
    }

    @Override
    public void chatEvent(String origin, String user, String text) {
        plugins.chat(origin, user, text);
    }

    @Override
    public void onPluginOutput(BiConsumer<String, String> outbox) {
        plugins.onOutput(outbox);
    }
}
