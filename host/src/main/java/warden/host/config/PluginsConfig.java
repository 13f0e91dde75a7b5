package warden.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where plugin jars are found and how chat commands reach them.
 *
 * @param dir the folder scanned (and watched) for plugin jars
 * @param watch reload a plugin when its jar changes
 * @param commandPrefix chat messages starting with it are commands
 * @param external plugins in any language: an executable that speaks the wire protocol (plugin-api/PROTOCOL.md)
 * @param heartbeat how often a plugin child sends a heartbeat; one silent for 3 intervals is killed as unresponsive
 * @param queueCapacity events held per plugin while it is not ready; more are dropped (counted and logged)
 * @param config each plugin's own section, by plugin id, handed to the plugin as {@code PluginContext.config()}
 * @param commandTimeout an event unanswered this long fails with an error (the plugin still heartbeats)
 * @param timeoutsBeforeRestart this many timed-out events in a row and the plugin is killed and restarted
 */
public record PluginsConfig(
        Path dir,
        boolean watch,
        String commandPrefix,
        List<External> external,
        Duration heartbeat,
        int queueCapacity,
        Map<String, Map<String, Object>> config,
        Duration commandTimeout,
        int timeoutsBeforeRestart) {

    /** Every default of the section, said once: the loader fills a key left out from here, as does the constructor. */
    public static final PluginsConfig DEFAULT = new PluginsConfig(
            Path.of("plugins"), true, "!", List.of(), Duration.ofSeconds(1), 1000, Map.of(), Duration.ofSeconds(10), 3);

    /**
     * A plugin that is not a jar.
     *
     * @param command the command line, e.g. {@code ["python3", "plugins/python-echo/echo.py"]}
     */
    public record External(String id, List<String> command) {}

    public PluginsConfig {
        // Null or 0 means "the default" for code that builds a config by hand; the loader never passes them.
        external = external == null ? List.of() : List.copyOf(external);
        heartbeat = heartbeat == null ? DEFAULT.heartbeat() : heartbeat;
        queueCapacity = queueCapacity <= 0 ? DEFAULT.queueCapacity() : queueCapacity;
        config = config == null ? Map.of() : Map.copyOf(config);
        commandTimeout = commandTimeout == null ? DEFAULT.commandTimeout() : commandTimeout;
    }

    /** The default command timeout and restart rule with the rest given. */
    public static PluginsConfig of(
            Path dir,
            boolean watch,
            String commandPrefix,
            List<External> external,
            Duration heartbeat,
            int queueCapacity,
            Map<String, Map<String, Object>> config) {
        return new PluginsConfig(
                dir,
                watch,
                commandPrefix,
                external,
                heartbeat,
                queueCapacity,
                config,
                DEFAULT.commandTimeout(),
                DEFAULT.timeoutsBeforeRestart());
    }
}
