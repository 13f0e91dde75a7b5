package warden.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;
import org.pf4j.AbstractExtensionFinder;
import org.pf4j.Extension;
import org.pf4j.JarPluginManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import warden.api.ChatCommand;
import warden.api.EventListener;

/**
 * The one plugin this JVM runs, loaded by pf4j from its jar.
 *
 * <p>Plugin-Dependencies are dropped before pf4j sees them: every plugin has its own JVM, so a dependency can only
 * order start-up, which the host's catalog does. pf4j would otherwise refuse to load a plugin whose dependency is not
 * in the same JVM. Plugin-Requires is still checked against the host version.
 */
final class LoadedPlugin {

    private final PluginManager manager;
    private final PluginWrapper wrapper;

    private LoadedPlugin(PluginManager manager, PluginWrapper wrapper) {
        this.manager = manager;
        this.wrapper = wrapper;
    }

    static LoadedPlugin load(Path jar, String hostVersion) {
        PluginManager manager = new JarPluginManager() {
            @Override
            protected PluginDescriptorFinder createPluginDescriptorFinder() {
                return new ManifestPluginDescriptorFinder() {
                    @Override
                    protected PluginDescriptor createPluginDescriptor(Manifest manifest) {
                        Manifest copy = new Manifest(manifest);
                        copy.getMainAttributes().remove(new java.util.jar.Attributes.Name(PLUGIN_DEPENDENCIES));
                        return super.createPluginDescriptor(copy);
                    }
                };
            }
        };
        manager.setSystemVersion(hostVersion);
        String id = manager.loadPlugin(jar.toAbsolutePath());
        if (id == null) {
            throw new IllegalStateException("pf4j did not load " + jar);
        }
        return new LoadedPlugin(manager, manager.getPlugin(id));
    }

    String id() {
        return wrapper.getPluginId();
    }

    String version() {
        return wrapper.getDescriptor().getVersion();
    }

    void start() {
        if (wrapper.getPlugin() == null) {
            // pf4j logs why and returns null; say it in one line for the crash record's output tail.
            throw new IllegalStateException(
                    "cannot create Plugin-Class " + wrapper.getDescriptor().getPluginClass() + " of plugin " + id());
        }
        PluginState state = manager.startPlugin(id());
        if (state != PluginState.STARTED) {
            throw new IllegalStateException(
                    "plugin " + id() + " did not start: " + state, wrapper.getFailedException());
        }
    }

    /**
     * For the training run: loads the plugin's extension classes and reads their {@code @Extension}, as pf4j does on a
     * start (the annotation machinery is some 80 JDK classes), without initializing them: no plugin code runs.
     */
    void loadExtensionClasses() {
        for (String name : manager.getExtensionClassNames(id())) {
            try {
                Extension e = AbstractExtensionFinder.findExtensionAnnotation(
                        Class.forName(name, false, wrapper.getPluginClassLoader()));
                if (e != null) {
                    e.ordinal();
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // A class that does not load fails the plugin's real start, with pf4j's message; not the training's.
            }
        }
    }

    void stop() {
        manager.stopPlugin(id());
    }

    List<ChatCommand> commands() {
        return manager.getExtensions(ChatCommand.class, id());
    }

    List<EventListener> listeners() {
        return manager.getExtensions(EventListener.class, id());
    }
}
