package warden.host.plugins;

import io.vertx.core.Future;
import java.util.List;

/**
 * Discovers plugin jars, runs each plugin as a supervised child JVM and routes chat commands and events to them.
 *
 * <p>Confined to the host context.
 */
public final class PluginHost {

    /** True when a plugin registered {@code commandName} (without prefix). */
    public boolean handles(String commandName) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Routes a command to its plugin; the replies, in order. Queued while that plugin restarts. */
    public Future<List<String>> dispatch(Command command) {
        throw new UnsupportedOperationException("TODO");
    }

    public List<PluginInfo> plugins() {
        throw new UnsupportedOperationException("TODO");
    }

    public EventCounters counters(String pluginId) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Replaces a running plugin with its jar's current content (blue/green). */
    public Future<ReloadRecord> reload(String pluginId) {
        throw new UnsupportedOperationException("TODO");
    }

    public Future<List<ReloadRecord>> reloads(String pluginId, int limit) {
        throw new UnsupportedOperationException("TODO");
    }
}
