package warden.host.plugins;

import io.vertx.core.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.supervisor.Supervisor;

/**
 * What the host does about each jar the {@link JarWatcher} reports: a jar of a new plugin registers and starts it, a
 * changed jar reloads its plugin, a removed jar removes its plugin, and an unusable jar is rejected (or, when a plugin
 * runs from it, recorded as a failed reload while the old version keeps serving). The watcher only says what changed;
 * these rules say what that means for the running plugins, apart from the start-up, which has its own.
 *
 * <p>Owned by {@link PluginHost}, on the host context.
 */
final class JarChanges {

    private static final Logger log = LoggerFactory.getLogger(JarChanges.class);

    private final Router router;
    private final Reloader reloader;
    private final Supervisor supervisor;
    private final Consumer<String> reject;
    private final Consumer<Descriptor> register;

    /**
     * @param reject keeps why a jar was not started, for {@code PluginHost.rejected()}
     * @param register adds the supervisor child of a new plugin (not yet started) and its slot to the router
     */
    JarChanges(
            Router router,
            Reloader reloader,
            Supervisor supervisor,
            Consumer<String> reject,
            Consumer<Descriptor> register) {
        this.router = router;
        this.reloader = reloader;
        this.supervisor = supervisor;
        this.reject = reject;
        this.register = register;
    }

    void act(JarWatcher.Change change) {
        PluginSlot byJar = router.slots().stream()
                .filter(s -> change.jar().equals(s.descriptor().jar()))
                .findFirst()
                .orElse(null);
        if (change.staged() == null && change.error() == null) {
            if (byJar != null) {
                remove(byJar);
            }
        } else if (change.error() != null) {
            if (byJar != null) {
                reloader.failed(byJar, null, change.jar() + ": " + change.error());
            } else {
                log.error("plugin rejected: {}: {}", change.jar(), change.error());
                reject.accept(change.jar() + ": " + change.error());
            }
        } else if (byJar != null) {
            reloader.reload(byJar, Future.succeededFuture(change.staged()));
        } else if (router.slot(change.staged().id()) != null) {
            String why =
                    change.jar() + ": duplicate plugin id " + change.staged().id();
            log.error("plugin rejected: {}", why);
            reject.accept(why);
        } else {
            Descriptor d = change.staged();
            log.info("plugin {} {} added from {}", d.id(), d.version(), d.jar());
            register.accept(d);
            supervisor.start(d.id(), "plugin start");
        }
    }

    private void remove(PluginSlot slot) {
        log.info(
                "plugin {} removed: its jar {} is gone",
                slot.id(),
                slot.descriptor().jar());
        router.remove(slot);
        slot.drop("plugin " + slot.id() + " was removed");
        supervisor.remove(slot.id());
    }
}
