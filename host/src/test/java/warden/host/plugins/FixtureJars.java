package warden.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.pf4j.Extension;
import warden.host.plugins.fixture.TestPlugin;

/** Builds real pf4j plugin jars from test classes: manifest, class files and META-INF/extensions.idx. */
public final class FixtureJars {

    private FixtureJars() {}

    /** A jar of {@link TestPlugin} with the given descriptor; {@code dependencies} may be empty. */
    public static Path testPlugin(Path dir, String id, String version, String requires, String dependencies)
            throws IOException {
        return jar(dir.resolve(id + ".jar"), id, version, requires, dependencies, TestPlugin.class);
    }

    public static Path jar(Path file, String id, String version, String requires, String dependencies, Class<?> plugin)
            throws IOException {
        return jar(file, id, version, requires, dependencies, plugin, plugin.getName());
    }

    /** As above, with a Plugin-Class entry of {@code pluginClassName} (which may name a class that is not there). */
    public static Path jar(
            Path file,
            String id,
            String version,
            String requires,
            String dependencies,
            Class<?> plugin,
            String pluginClassName)
            throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (id != null) {
            a.putValue("Plugin-Id", id);
        }
        a.putValue("Plugin-Version", version);
        a.putValue("Plugin-Class", pluginClassName);
        a.putValue("Plugin-Requires", requires);
        a.putValue("Plugin-Dependencies", dependencies);
        List<Class<?>> classes = new ArrayList<>(List.of(plugin));
        classes.addAll(List.of(plugin.getDeclaredClasses()));
        Files.createDirectories(file.getParent());
        // Written beside and moved in place, the way a deployment replaces a jar: the watcher never sees it half done.
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
                JarOutputStream jar = new JarOutputStream(out, m)) {
            StringBuilder index = new StringBuilder();
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(jar);
                }
                if (c.isAnnotationPresent(Extension.class)) {
                    index.append(c.getName()).append('\n');
                }
            }
            jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            jar.write(index.toString().getBytes(StandardCharsets.UTF_8));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
