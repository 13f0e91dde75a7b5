package warden.host.metrics;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import warden.host.config.HttpConfig;
import warden.host.storage.Database;

/**
 * Where CPU, memory and disk turn yellow and red, globally and per child: the one place the dashboard's badges, the
 * API and chat read them from.
 *
 * <p>The config ({@code http.thresholds}, {@code http.childThresholds}) gives the defaults; a band set in the dashboard
 * is kept in the {@code thresholds} table, overrides the config's and survives restarts, and a reset deletes it, which
 * brings the config's value back. A child without a band of its own follows the global one (as set in the page, else
 * the config's). Disk is global only: mounts belong to the machine.
 *
 * <p>Confined to the host context; reads answer from memory, writes go through the database thread.
 */
public final class ThresholdStore {

    /** The scope of the bands every child follows unless it has its own. */
    public static final String GLOBAL = "global";

    public enum Metric {
        CPU,
        MEMORY,
        DISK;

        /** {@code cpu}, {@code memory} or {@code disk}; anything else names the allowed values. */
        public static Metric parse(String name) {
            for (Metric m : values()) {
                if (m.key().equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("metric must be one of cpu, memory, disk; got '" + name + "'");
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a band's values come from. */
    public enum Origin {
        /** The config's global {@code http.thresholds}. */
        CONFIG,
        /** The config's {@code http.childThresholds.<id>}. */
        CONFIG_CHILD,
        /** Set in the dashboard for the global scope, and followed by this child. */
        GLOBAL,
        /** Set in the dashboard for this very scope: "customised", and a reset returns to {@code resetTo}. */
        PAGE
    }

    /**
     * One metric's band in one scope.
     *
     * @param resetTo what the band would be without the page's value for this scope
     */
    public record Band(double warnPercent, double critPercent, Origin origin, HttpConfig.Thresholds resetTo) {

        public boolean customised() {
            return origin == Origin.PAGE;
        }

        /** {@code ok}, {@code warn} (at or above warn) or {@code crit} (above crit). */
        public String level(double percent) {
            return percent > critPercent ? "crit" : percent >= warnPercent ? "warn" : "ok";
        }
    }

    private final Database db;
    private HttpConfig.Thresholds configGlobal;
    private Map<String, HttpConfig.Thresholds> configChildren;
    /** scope -> metric -> band set in the page. */
    private final Map<String, Map<Metric, HttpConfig.Thresholds>> page = new HashMap<>();

    public ThresholdStore(
            Database db, HttpConfig.Thresholds configGlobal, Map<String, HttpConfig.Thresholds> configChildren) {
        this.db = db;
        configChanged(configGlobal, configChildren);
    }

    /** The config's bands after a config reload: the new defaults; bands set in the page still win. */
    public void configChanged(HttpConfig.Thresholds global, Map<String, HttpConfig.Thresholds> children) {
        this.configGlobal = global == null ? HttpConfig.Thresholds.DEFAULT : global;
        this.configChildren = children == null ? Map.of() : Map.copyOf(children);
    }

    /** Reads the bands set in the page before. */
    public Future<Void> load() {
        return db.call(c -> {
                    Map<String, Map<Metric, HttpConfig.Thresholds>> found = new HashMap<>();
                    try (PreparedStatement s = c.prepareStatement("SELECT scope, metric, warn, crit FROM thresholds");
                            ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            found.computeIfAbsent(r.getString(1), k -> new HashMap<>())
                                    .put(
                                            Metric.parse(r.getString(2)),
                                            new HttpConfig.Thresholds(r.getDouble(3), r.getDouble(4)));
                        }
                    }
                    return found;
                })
                .map(found -> {
                    page.clear();
                    page.putAll(found);
                    return null;
                });
    }

    /** The global band of {@code metric}. */
    public Band global(Metric metric) {
        HttpConfig.Thresholds set = pageBand(GLOBAL, metric);
        return set != null ? band(set, Origin.PAGE, configGlobal) : band(configGlobal, Origin.CONFIG, configGlobal);
    }

    /** The band {@code childId} is judged by for CPU or memory. */
    public Band child(String childId, Metric metric) {
        if (metric == Metric.DISK) {
            throw new IllegalArgumentException("disk thresholds are global only");
        }
        HttpConfig.Thresholds config = configChildren.get(childId);
        HttpConfig.Thresholds set = pageBand(childId, metric);
        if (set != null) {
            return band(set, Origin.PAGE, config != null ? config : bare(global(metric)));
        }
        if (config != null) {
            return band(config, Origin.CONFIG_CHILD, config);
        }
        Band g = global(metric);
        return new Band(g.warnPercent(), g.critPercent(), g.customised() ? Origin.GLOBAL : Origin.CONFIG, bare(g));
    }

    /**
     * Sets a band for {@link #GLOBAL} or a child id, checked by the config's own rule ({@code 0 <= warn <= crit});
     * completes with the band now in force.
     */
    public Future<Band> set(String scope, Metric metric, double warnPercent, double critPercent) {
        if (!Double.isFinite(warnPercent) || !Double.isFinite(critPercent)) {
            throw new IllegalArgumentException("warnPercent and critPercent must be numbers");
        }
        HttpConfig.Thresholds t = new HttpConfig.Thresholds(warnPercent, critPercent);
        if (!scope.equals(GLOBAL) && metric == Metric.DISK) {
            throw new IllegalArgumentException("disk thresholds are global only");
        }
        return db.call(c -> {
                    try (PreparedStatement s =
                            c.prepareStatement("INSERT OR REPLACE INTO thresholds VALUES (?, ?, ?, ?)")) {
                        s.setString(1, scope);
                        s.setString(2, metric.key());
                        s.setDouble(3, warnPercent);
                        s.setDouble(4, critPercent);
                        s.executeUpdate();
                    }
                    return null;
                })
                .map(v -> {
                    page.computeIfAbsent(scope, k -> new HashMap<>()).put(metric, t);
                    return bandOf(scope, metric);
                });
    }

    /** Forgets the page's band of {@code scope}: the config's value (or the global band) applies again. */
    public Future<Band> reset(String scope, Metric metric) {
        return db.call(c -> {
                    try (PreparedStatement s =
                            c.prepareStatement("DELETE FROM thresholds WHERE scope = ? AND metric = ?")) {
                        s.setString(1, scope);
                        s.setString(2, metric.key());
                        s.executeUpdate();
                    }
                    return null;
                })
                .map(v -> {
                    Map<Metric, HttpConfig.Thresholds> bands = page.get(scope);
                    if (bands != null) {
                        bands.remove(metric);
                    }
                    return bandOf(scope, metric);
                });
    }

    private Band bandOf(String scope, Metric metric) {
        return scope.equals(GLOBAL) ? global(metric) : child(scope, metric);
    }

    private HttpConfig.Thresholds pageBand(String scope, Metric metric) {
        Map<Metric, HttpConfig.Thresholds> bands = page.get(scope);
        return bands == null ? null : bands.get(metric);
    }

    private static Band band(HttpConfig.Thresholds t, Origin origin, HttpConfig.Thresholds resetTo) {
        return new Band(t.warnPercent(), t.critPercent(), origin, resetTo);
    }

    private static HttpConfig.Thresholds bare(Band b) {
        return new HttpConfig.Thresholds(b.warnPercent(), b.critPercent());
    }
}
