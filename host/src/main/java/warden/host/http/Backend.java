package warden.host.http;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import warden.host.bus.PlayerEvent;
import warden.host.chat.AuditEntry;
import warden.host.config.ConfigDiff;
import warden.host.metrics.Aggregates;
import warden.host.metrics.Sample;
import warden.host.metrics.SystemSummary;
import warden.host.metrics.ThresholdStore;
import warden.host.plugins.EventCounters;
import warden.host.plugins.PluginInfo;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.ControlEvent;
import warden.host.supervisor.CrashRecord;
import warden.host.supervisor.OutputLine;

/**
 * What the API reads from and asks of the rest of the host, in one seam: {@link Facades} over the real capability
 * facades, and a fake in the tests so the handlers and the dashboard can be driven without real children.
 *
 * <p>A capability that is switched off throws {@link Unavailable}, which the API answers with 503.
 */
interface Backend {

    List<ChildStatus> children();

    Optional<ChildStatus> child(String id);

    /** Completes when the supervisor (or, for a reload, the plugin host) is done. */
    Future<Void> control(String id, Action action);

    List<OutputLine> tail(String id, int max);

    Future<List<CrashRecord>> crashes(String id, int limit);

    /** Starts, stops and restarts of one child, newest first (the supervisor keeps them across host restarts). */
    Future<List<ControlEvent>> controlEvents(String id, int limit);

    Optional<Sample> latest(String source);

    Future<List<Sample>> history(String source, Instant from, Instant to, Duration step);

    Future<Aggregates> aggregates(String source, String series, Instant from, Instant to);

    SystemSummary system();

    Future<List<ReloadRecord>> reloads(String pluginId, int limit);

    /** The plugin a child is (its id is the plugin id across reloads); null for a service, or when plugins are off. */
    String pluginOf(String childId);

    /** The router's counters of a plugin; null when unknown or plugins are off. */
    EventCounters counters(String pluginId);

    /** The newest {@code limit} audit entries older than {@code before} (null: the newest), newest first. */
    Future<List<AuditEntry>> audit(int limit, Long before);
    /** The badge thresholds (global and per child), shared with chat; {@link Unavailable} when metrics are off. */
    ThresholdStore thresholds();

    /** The plugins loaded, in catalog order; empty when plugins are off. */
    List<PluginInfo> plugins();

    /** The watched game children; empty when chat is off. */
    List<String> games();

    /** Players online on a game child and since when, in join order. */
    Map<String, Instant> onlineSince(String childId);

    /** The last joins and leaves on a game child since this host started, oldest first. */
    List<PlayerEvent> playerEvents(String childId);

    /** A command line typed by the admin, as the console connector hands it over; the reply lines. */
    Future<List<String>> chat(String line);

    /**
     * Re-reads the configuration file and applies the difference; fails with a {@code ConfigException} (nothing
     * changed) for a file that does not validate.
     */
    default Future<ConfigDiff> reloadConfig() {
        throw new Unavailable("config reload");
    }

    /** A capability that is not part of this host (its facade is null) or not built yet. */
    final class Unavailable extends RuntimeException {
        Unavailable(String what) {
            super(what + " is not available in this host");
        }
    }
}
