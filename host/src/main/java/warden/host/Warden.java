package warden.host;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import warden.host.config.ConfigDiff;
import warden.host.config.ConfigException;
import warden.host.config.WardenConfig;
import warden.host.export.Exporter;
import warden.host.plugins.PluginHost;
import warden.host.storage.DataDirLock;
import warden.host.storage.Database;
import warden.host.supervisor.Supervisor;

/**
 * A running Warden host: storage opened under the data dir, the host verticle deployed with every capability on it,
 * the configured services started. What {@link Main} runs, and what tests start in-process.
 *
 * <p>{@link #start} and {@link #stop} may be called from any thread. The facades it hands out are confined to the host
 * context: call them inside {@code context().runOnContext(...)}.
 */
public final class Warden {

    private final Vertx vertx;
    private final WardenConfig config;
    private final Database db;
    private final DataDirLock lock;
    private final HostVerticle host;
    private final String deploymentId;
    private Future<Void> stopping;

    private Warden(
            Vertx vertx, WardenConfig config, Database db, DataDirLock lock, HostVerticle host, String deploymentId) {
        this.vertx = vertx;
        this.config = config;
        this.db = db;
        this.lock = lock;
        this.host = host;
        this.deploymentId = deploymentId;
    }

    /** Reads the configuration again, as the host was started: the same file, environment and command line. */
    @FunctionalInterface
    public interface ConfigSource {
        WardenConfig load() throws ConfigException;
    }

    /** The Vert.x instance a host runs on, with the HTTP server metrics that the API and /metrics report. */
    public static Vertx createVertx(WardenConfig config) {
        // Vert.x checks its threads for blocking once a second by default: a wake-up a second of its own while the
        // host is idle. Checked once per metrics interval instead (at least 1 s, 5 s when sampling is off); a loop
        // blocked for longer than 2 s is still reported, only up to an interval later.
        long checkMillis = config.metrics().interval().isZero()
                ? 5000
                : Math.max(1000, config.metrics().interval().toMillis());
        VertxOptions options = new VertxOptions()
                .setBlockedThreadCheckInterval(checkMillis)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
        // The HTTP metrics (time per route, requests, errors) can only be attached while Vert.x is built.
        Vertx vertx = Exporter.newVertx(options, config.http().httpMetrics());
        QuietLoops.apply(vertx);
        return vertx;
    }

    /**
     * Takes the data dir's lock, opens storage, deploys the host verticle and starts every configured child. Fails,
     * with everything it opened closed again, if any of that fails; with {@link DataDirLock.InUse} when another host
     * runs on the data dir, before any pid file is read or any child touched.
     */
    public static Future<Warden> start(Vertx vertx, WardenConfig config) {
        return start(vertx, config, () -> config);
    }

    /** {@link #start(Vertx, WardenConfig)} with {@code source} for {@link #reloadConfig}. */
    public static Future<Warden> start(Vertx vertx, WardenConfig config, ConfigSource source) {
        return vertx.executeBlocking(() -> DataDirLock.acquire(config.data()))
                .compose(lock -> start(vertx, config, source, lock).onFailure(e -> lock.close()));
    }

    /** {@link #start(Vertx, WardenConfig, ConfigSource)} under a lock the caller took (and {@link #stop} releases). */
    public static Future<Warden> start(Vertx vertx, WardenConfig config, ConfigSource source, DataDirLock lock) {
        return vertx.executeBlocking(() -> Database.open(config.data())).compose(db -> {
            HostVerticle host = new HostVerticle(config, db, source, lock);
            return vertx.deployVerticle(host)
                    .map(id -> {
                        Warden w = new Warden(vertx, config, db, lock, host, id);
                        lock.advertise(w.dashboardUrl());
                        return w;
                    })
                    .recover(e -> vertx.executeBlocking(() -> {
                                db.close();
                                return null;
                            })
                            .transform(ignored -> Future.failedFuture(e)));
        });
    }

    /**
     * Stops every capability and child (bounded by {@link #stopBudget}), then closes storage. Calling it again returns
     * the same future. Leaves the Vert.x instance running: its owner closes it.
     */
    public synchronized Future<Void> stop() {
        if (stopping == null) {
            stopping = vertx.undeploy(deploymentId)
                    .eventually(() -> vertx.executeBlocking(() -> {
                        db.close();
                        lock.close(); // last: the next host may start once every child and file is closed
                        return null;
                    }));
        }
        return stopping;
    }

    /** The longest {@link #stop} should take; the host verticle gives up waiting for children after it. */
    public Duration stopBudget() {
        return HostVerticle.stopBudget(config);
    }

    public WardenConfig config() {
        return config;
    }

    /** The host context, on which every facade below must be called. */
    public Context context() {
        return host.hostContext();
    }

    public Supervisor supervisor() {
        return host.supervisor;
    }

    public PluginHost plugins() {
        return host.plugins;
    }

    public warden.host.alerts.AlertService alerts() {
        return host.alerts;
    }

    // Lead: accessors for metrics() and chat() go here, reading the HostVerticle fields.

    /**
     * Reads the configuration again and applies the difference (SIGHUP, {@code warden ctl update}); fails with a
     * {@link ConfigException}, nothing changed, for a file that does not validate. Callable from any thread.
     */
    public Future<ConfigDiff> reloadConfig() {
        Promise<ConfigDiff> done = Promise.promise();
        context().runOnContext(v -> host.reconfigure.reload().onComplete(done));
        return done.future();
    }

    /** Where the dashboard answers, e.g. {@code http://127.0.0.1:8080/}. */
    public String dashboardUrl() {
        return host.dashboardUrl();
    }
}
