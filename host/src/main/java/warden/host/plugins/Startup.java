package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.config.PluginsConfig;
import warden.host.supervisor.Supervisor;

/**
 * The host's start-up, which runs once and has its own ordering rules: scan and stage every plugin off the loop, start
 * them one after the other in dependency order (each waits until the one before it is ready or has failed), and only
 * then build the runner's class-data archive in the background, so the build never slows the first start, and, with
 * {@code plugins.watch}, start watching the folder. Its later changes are {@link JarChanges}' business.
 *
 * <p>Owned by {@link PluginHost}, on the host context.
 */
final class Startup {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private final Vertx vertx;
    private final PluginsConfig config;
    private final Catalog catalog;
    private final Staging staging;
    private final Supervisor supervisor;
    private final RunnerArchive archive;
    private final Router router;
    private final JarWatcher watcher;
    private Future<Void> archiveBuild = Future.succeededFuture();

    Startup(
            Vertx vertx,
            PluginsConfig config,
            Catalog catalog,
            Staging staging,
            Supervisor supervisor,
            RunnerArchive archive,
            Router router,
            JarWatcher watcher) {
        this.vertx = vertx;
        this.config = config;
        this.catalog = catalog;
        this.staging = staging;
        this.supervisor = supervisor;
        this.archive = archive;
        this.router = router;
        this.watcher = watcher;
    }

    /**
     * Completes when every plugin was given its chance, and the watcher (if on) has started.
     *
     * @param register adds a plugin's supervisor child (not yet started) and its slot to the router
     * @param reject keeps why a plugin or jar was not started
     */
    Future<Void> run(Function<Descriptor, PluginSlot> register, Consumer<String> reject) {
        return vertx.executeBlocking(() -> stageAll(catalog.scan(config.dir(), config.external())))
                .compose(scan -> {
                    scan.rejected().forEach(r -> log.error("plugin rejected: {}", r));
                    scan.rejected().forEach(reject);
                    List<Descriptor> ordered = scan.ordered();
                    Future<Void> chain = Future.succeededFuture();
                    for (Descriptor d : ordered) {
                        PluginSlot slot = register.apply(d);
                        chain = chain.eventually(
                                () -> supervisor.start(d.id(), "plugin start").compose(v -> slot.firstSettled()));
                    }
                    return chain.onComplete(ar -> {
                        // Off the start-up path: the children spawned from now on start faster.
                        ordered.stream()
                                .filter(d -> d.jar() != null)
                                .findFirst()
                                .ifPresent(d ->
                                        archiveBuild = archive.build(vertx, d.staged() != null ? d.staged() : d.jar()));
                        if (config.watch()) {
                            // The jars already running are not reported as added.
                            Map<Path, String> running = new HashMap<>();
                            router.slots().stream()
                                    .filter(s -> s.descriptor().jar() != null)
                                    .forEach(s -> running.put(
                                            s.descriptor().jar(), s.descriptor().sha256()));
                            watcher.start(running);
                        }
                    });
                });
    }

    /** Completes when the background build of the runner's class-data archive has ended. */
    Future<Void> archiveBuild() {
        return archiveBuild;
    }

    // On a worker thread: touches no host state.
    private Catalog.Scan stageAll(Catalog.Scan scan) {
        List<Descriptor> staged = new ArrayList<>();
        List<String> problems = new ArrayList<>(scan.rejected());
        for (Descriptor d : scan.ordered()) {
            try {
                staged.add(d.jar() == null ? d : staging.stage(d.jar()));
            } catch (java.io.IOException | RuntimeException e) {
                problems.add(d.jar() + ": cannot stage (" + e.getMessage() + ")");
            }
        }
        return new Catalog.Scan(staged, problems);
    }
}
