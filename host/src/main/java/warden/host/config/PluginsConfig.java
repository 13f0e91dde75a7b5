package warden.host.config;

import java.nio.file.Path;

/**
 * Where plugin jars are found and how chat commands reach them.
 *
 * @param dir the folder scanned (and watched) for plugin jars
 * @param watch reload a plugin when its jar changes
 * @param commandPrefix chat messages starting with it are commands
 */
public record PluginsConfig(Path dir, boolean watch, String commandPrefix) {

    public static final PluginsConfig DEFAULT = new PluginsConfig(Path.of("plugins"), true, "!");
}
