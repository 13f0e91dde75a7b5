package warden.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.alerts.AlertService;
import warden.host.config.ConfigDiff;
import warden.host.config.ConfigException;
import warden.host.config.HttpConfig;
import warden.host.config.ServiceConfig;
import warden.host.config.WardenConfig;
import warden.host.http.HttpApi;
import warden.host.supervisor.Supervisor;

/**
 * A configuration change without a host restart ({@code warden ctl update}, SIGHUP, {@code POST
 * /api/v1/config/reload}): reads the file again through the same loader, overrides included, and applies the
 * difference. Added services start, removed ones stop, changed ones are replaced and restarted; unchanged ones are not
 * touched, so their process and pid stay. Of the other settings only {@link ConfigDiff#LIVE} take effect (the badge
 * thresholds and the whole {@code alerts} section); the rest are
 * reported as waiting for a host restart, and keep being reported on every reload until then.
 *
 * <p>Confined to the host context, like the supervisor it drives. One reload at a time: a second one while the first
 * still stops and starts children is refused rather than queued, since it would read the same file again.
 */
final class Reconfigure {

    private static final Logger LOG = LoggerFactory.getLogger(Reconfigure.class);

    private final Vertx vertx;
    private final Supervisor supervisor;
    private final HttpApi http;
    private final AlertService alerts;
    private final Warden.ConfigSource source;
    /** Services and live settings as applied; every other setting as the host was started with. */
    private WardenConfig running;

    private boolean busy;

    Reconfigure(
            Vertx vertx,
            Supervisor supervisor,
            HttpApi http,
            AlertService alerts,
            Warden.ConfigSource source,
            WardenConfig started) {
        this.vertx = vertx;
        this.supervisor = supervisor;
        this.http = http;
        this.alerts = alerts;
        this.source = source;
        this.running = started;
    }

    /** Fails with a {@link ConfigException} (nothing changed) when the file does not validate. */
    Future<ConfigDiff> reload() {
        if (busy) {
            return Future.failedFuture(new IllegalStateException("a config reload is already under way"));
        }
        busy = true;
        return vertx.executeBlocking(source::load)
                .compose(next -> {
                    ConfigDiff diff = ConfigDiff.between(running, next);
                    try {
                        checkIds(diff);
                    } catch (ConfigException e) {
                        return Future.failedFuture(e);
                    }
                    return apply(diff, next).map(diff);
                })
                .onComplete(ar -> busy = false);
    }

    /** The loader has validated the file; what it cannot know is that a plugin's child already has an added id. */
    private void checkIds(ConfigDiff diff) throws ConfigException {
        for (String id : diff.added()) {
            if (supervisor.status(id).isPresent()) {
                throw new ConfigException(
                        "services: id '" + id + "' is already taken by a plugin's child; " + "choose another id");
            }
        }
    }

    private Future<Void> apply(ConfigDiff diff, WardenConfig next) {
        List<Future<Void>> stopped = new ArrayList<>();
        diff.removed().forEach(id -> stopped.add(supervisor.remove(id, "config reload: removed")));
        diff.changed().forEach(id -> stopped.add(supervisor.remove(id, "config reload: changed")));
        return Future.join(stopped).transform(ar -> {
            if (ar.failed()) {
                LOG.warn(
                        "config reload: not every service stopped cleanly: {}",
                        ar.cause().toString());
            }
            List<Future<Void>> started = new ArrayList<>();
            // In the file's order, which is the order status lists them in.
            for (ServiceConfig service : next.services()) {
                if (diff.added().contains(service.id()) || diff.changed().contains(service.id())) {
                    supervisor.add(ChildSpecs.of(service));
                    started.add(supervisor.start(service.id(), "config reload"));
                }
            }
            http.settingsChanged(next.http());
            if (!next.alerts().equals(running.alerts())) {
                alerts.reconfigure(next.alerts());
            }
            running = applied(next);
            LOG.info(
                    "config reloaded: added {}, removed {}, changed {}, unchanged {}; needs a host restart: {}",
                    diff.added(),
                    diff.removed(),
                    diff.changed(),
                    diff.unchanged(),
                    diff.needsRestart());
            // A service that cannot be spawned is a crash the supervisor records and retries, as at start-up.
            return Future.join(started).<Void>mapEmpty().recover(e -> {
                LOG.warn("config reload: not every service could be started: {}", e.toString());
                return Future.succeededFuture();
            });
        });
    }

    /** What the host now runs: the new services and live settings, the old value of everything else. */
    private WardenConfig applied(WardenConfig next) {
        HttpConfig h = running.http();
        HttpConfig http = new HttpConfig(
                h.host(),
                h.port(),
                h.adminToken(),
                h.metricsPublic(),
                h.httpMetrics(),
                next.http().thresholds(),
                next.http().childThresholds());
        return new WardenConfig(
                http,
                running.data(),
                running.metrics(),
                running.plugins(),
                next.services(),
                running.chat(),
                running.storage(),
                next.alerts(),
                running.export());
    }
}
