package warden.host.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration, as read from one YAML file (or the embedded default) with environment overrides applied.
 * Every section is non-null after loading: a missing section gets its defaults. Relative paths are already resolved
 * against the config file's folder.
 *
 * @param data where storage, logs and generated secrets live
 * @param storage how many records of each kind the database keeps
 * @param export the Prometheus scrape and the InfluxDB push
 */
public record WardenConfig(
        HttpConfig http,
        Path data,
        MetricsConfig metrics,
        PluginsConfig plugins,
        List<ServiceConfig> services,
        ChatConfig chat,
        StorageConfig storage,
        AlertsConfig alerts,
        ExportConfig export) {

    /** What a file that leaves a top-level key out gets; each section's own DEFAULT fills its missing keys. */
    public static final WardenConfig DEFAULT = new WardenConfig(
            HttpConfig.DEFAULT,
            Path.of("warden-data"),
            MetricsConfig.DEFAULT,
            PluginsConfig.DEFAULT,
            List.of(),
            ChatConfig.DEFAULT,
            StorageConfig.DEFAULT,
            AlertsConfig.DEFAULT,
            ExportConfig.DEFAULT);
}
