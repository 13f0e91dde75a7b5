package warden.host.http;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import warden.host.bus.PlayerEvent;
import warden.host.chat.AuditEntry;
import warden.host.chat.ChatMessage;
import warden.host.chat.ChatService;
import warden.host.config.ConfigDiff;
import warden.host.metrics.Aggregates;
import warden.host.metrics.MetricsService;
import warden.host.metrics.Sample;
import warden.host.metrics.SystemSummary;
import warden.host.metrics.ThresholdStore;
import warden.host.plugins.EventCounters;
import warden.host.plugins.PluginHost;
import warden.host.plugins.PluginInfo;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.ControlEvent;
import warden.host.supervisor.CrashRecord;
import warden.host.supervisor.OutputLine;
import warden.host.supervisor.Supervisor;

/** The {@link Backend} over the host's capability facades; a null facade is a capability that is switched off. */
final class Facades implements Backend {

    private final Supervisor supervisor;
    private final MetricsService metrics;
    private final PluginHost plugins;
    private final ChatService chat;
    private Supplier<Future<ConfigDiff>> configReload;

    Facades(Supervisor supervisor, MetricsService metrics, PluginHost plugins, ChatService chat) {
        this.supervisor = supervisor;
        this.metrics = metrics;
        this.plugins = plugins;
        this.chat = chat;
    }

    @Override
    public List<ChildStatus> children() {
        return supervisor().children();
    }

    @Override
    public Optional<ChildStatus> child(String id) {
        return supervisor().status(id);
    }

    @Override
    public Future<Void> control(String id, Action action) {
        return switch (action) {
            case START -> supervisor().start(id);
            case STOP -> supervisor().stop(id);
            case RESTART -> supervisor().restart(id);
            case RELOAD -> pluginHost()
                    .reload(pluginOrSelf(id))
                    .compose(r -> r.ok()
                            ? Future.<Void>succeededFuture()
                            : Future.failedFuture(new IllegalStateException("reload failed: " + r.reason())));
        };
    }

    @Override
    public List<OutputLine> tail(String id, int max) {
        return supervisor().tail(id, max);
    }

    @Override
    public Future<List<CrashRecord>> crashes(String id, int limit) {
        return supervisor().crashes(id, limit);
    }

    @Override
    public Future<List<ControlEvent>> controlEvents(String id, int limit) {
        return supervisor().controlEvents(id, limit);
    }

    @Override
    public Optional<Sample> latest(String source) {
        return metrics().latest(source);
    }

    @Override
    public Future<List<Sample>> history(String source, Instant from, Instant to, Duration step) {
        return metrics().history(source, from, to, step);
    }

    @Override
    public Future<Aggregates> aggregates(String source, String series, Instant from, Instant to) {
        return metrics().aggregates(source, series, from, to);
    }

    @Override
    public SystemSummary system() {
        return metrics().system();
    }

    @Override
    public Future<List<ReloadRecord>> reloads(String pluginId, int limit) {
        return pluginHost().reloads(pluginId == null ? null : pluginOrSelf(pluginId), limit);
    }

    @Override
    public String pluginOf(String childId) {
        return plugins == null ? null : plugins.pluginOf(childId);
    }

    @Override
    public EventCounters counters(String pluginId) {
        return plugins == null || plugins.pluginOf(pluginId) == null ? null : plugins.counters(pluginId);
    }

    /** Reloads and records are kept per plugin; the API also accepts the id of the child that serves it. */
    private String pluginOrSelf(String id) {
        String plugin = pluginHost().pluginOf(id);
        return plugin == null ? id : plugin;
    }

    @Override
    public Future<List<AuditEntry>> audit(int limit, Long before) {
        if (chat == null) {
            throw new Unavailable("chat");
        }
        return chat.audit(limit, before);
    }

    @Override
    public ThresholdStore thresholds() {
        return metrics().thresholds();
    }

    @Override
    public List<PluginInfo> plugins() {
        return plugins == null ? List.of() : plugins.plugins();
    }

    @Override
    public List<String> games() {
        return chat == null ? List.of() : chat.games();
    }

    @Override
    public Map<String, Instant> onlineSince(String childId) {
        return chat == null ? Map.of() : chat.onlineSince(childId);
    }

    @Override
    public List<PlayerEvent> playerEvents(String childId) {
        return chat == null ? List.of() : chat.playerEvents(childId);
    }

    @Override
    public Future<List<String>> chat(String line) {
        if (chat == null) {
            throw new Unavailable("chat");
        }
        // The token holder is the admin; "http" tells the audit log where the command came from.
        return chat.handle(new ChatMessage("http", "api", "admin", true, line));
    }

    /** Registered by the host's wiring, which owns the file and the config the host runs. */
    void reloadWith(Supplier<Future<ConfigDiff>> reload) {
        this.configReload = reload;
    }

    @Override
    public Future<ConfigDiff> reloadConfig() {
        if (configReload == null) {
            throw new Unavailable("config reload");
        }
        return configReload.get();
    }

    private Supervisor supervisor() {
        if (supervisor == null) {
            throw new Unavailable("supervisor");
        }
        return supervisor;
    }

    private MetricsService metrics() {
        if (metrics == null) {
            throw new Unavailable("metrics");
        }
        return metrics;
    }

    private PluginHost pluginHost() {
        if (plugins == null) {
            throw new Unavailable("plugins");
        }
        return plugins;
    }
}
