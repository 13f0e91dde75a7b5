package warden.host.plugins;

import io.vertx.core.Vertx;
import java.util.function.Consumer;
import warden.host.config.PluginsConfig;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Supervisor;

/**
 * The one place where a plugin becomes a supervisor child: a new plugin gets its slot in the router and the child of
 * its first generation, and each reload starts a new generation behind the same child id. Start-up, the folder reactions
 * and the reloader all go through it, so every child runs with the same rules and the class-data archive's flags.
 *
 * <p>Owned by {@link PluginHost}, on the host context.
 */
final class Registrar {

    private final Vertx vertx;
    private final PluginsConfig config;
    private final Supervisor supervisor;
    private final RunnerArchive archive;
    private final Router router;
    private final Consumer<String> onReady;

    /** @param onReady told the plugin id each time a child of it says ready */
    Registrar(
            Vertx vertx,
            PluginsConfig config,
            Supervisor supervisor,
            RunnerArchive archive,
            Router router,
            Consumer<String> onReady) {
        this.vertx = vertx;
        this.config = config;
        this.supervisor = supervisor;
        this.archive = archive;
        this.router = router;
        this.onReady = onReady;
    }

    /** Adds the plugin's slot to the router and its first child to the supervisor, without starting it. */
    PluginSlot register(Descriptor d) {
        PluginSlot slot = new PluginSlot(d, config.queueCapacity(), () -> onReady.accept(d.id()));
        router.add(slot);
        add(slot, d, 0);
        return slot;
    }

    /**
     * Starts {@code d} as {@code generation} of the slot behind the plugin's child id, beside the serving one; completes
     * once it serves.
     */
    io.vertx.core.Future<Void> replace(PluginSlot slot, Descriptor d, int generation) {
        return supervisor.replace(ChildSpecs.forPlugin(vertx, config, slot, d, generation, archive.launch()));
    }

    private String add(PluginSlot slot, Descriptor d, int generation) {
        ChildSpec spec = ChildSpecs.forPlugin(vertx, config, slot, d, generation, archive.launch());
        supervisor.add(spec);
        return spec.id();
    }
}
