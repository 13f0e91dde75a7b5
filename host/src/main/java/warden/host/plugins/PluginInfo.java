package warden.host.plugins;

import java.util.List;

/** What the host knows of one plugin from its descriptor and its hello. */
public record PluginInfo(String id, String version, String description, List<String> commands, String source) {}
