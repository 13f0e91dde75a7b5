package warden.host.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration, as read from one YAML file (or the embedded default) with environment overrides applied.
 * Every section is non-null after loading: a missing section gets its defaults.
 *
 * @param data where storage, logs and generated secrets live
 */
public record WardenConfig(
        HttpConfig http,
        Path data,
        MetricsConfig metrics,
        PluginsConfig plugins,
        List<ServiceConfig> services,
        ChatConfig chat) {}
