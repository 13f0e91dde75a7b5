package warden.host;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The example plugin jars that travel inside warden.jar under {@code bundled-plugins/}: copied into the plugins folder
 * when Warden runs on its embedded default, so that default needs nothing but the one jar.
 *
 * <p>A file already in the folder that is as new as the bundled one or newer is left alone: it may be the user's own
 * build of that plugin. Each copy lands under a temporary name and is then renamed, so a folder watcher never sees a
 * half-written jar.
 */
final class BundledPlugins {

    private static final String FOLDER = "bundled-plugins/";

    private BundledPlugins() {}

    /** Copies what is missing or older in {@code pluginsDir}; the file names copied, in name order. Blocking. */
    static List<String> extract(Path pluginsDir) throws IOException {
        return extract(codeSource(), pluginsDir);
    }

    /** {@code source} is warden.jar or a classes folder, either holding {@code bundled-plugins/}. */
    static List<String> extract(Path source, Path pluginsDir) throws IOException {
        Files.createDirectories(pluginsDir);
        List<String> copied = new ArrayList<>();
        if (Files.isDirectory(source)) {
            // Run from target/classes (an IDE, or tests after `mvn package`): the folder is there when packaged.
            Path folder = source.resolve(FOLDER);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> jars = Files.list(folder)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar"))
                            .sorted()
                            .toList()) {
                        try (InputStream in = Files.newInputStream(jar)) {
                            copy(
                                    in,
                                    Files.getLastModifiedTime(jar),
                                    pluginsDir,
                                    jar.getFileName().toString(),
                                    copied);
                        }
                    }
                }
            }
            return copied;
        }
        try (JarFile jar = new JarFile(source.toFile())) {
            List<JarEntry> entries = new ArrayList<>();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().startsWith(FOLDER) && entry.getName().endsWith(".jar")) {
                    entries.add(entry);
                }
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (JarEntry entry : entries) {
                try (InputStream in = jar.getInputStream(entry)) {
                    String name = entry.getName().substring(FOLDER.length());
                    copy(in, entry.getLastModifiedTime(), pluginsDir, name, copied);
                }
            }
        }
        return copied;
    }

    private static void copy(InputStream in, FileTime bundled, Path dir, String name, List<String> copied)
            throws IOException {
        Path target = dir.resolve(name);
        if (Files.exists(target) && Files.getLastModifiedTime(target).compareTo(bundled) >= 0) {
            return;
        }
        Path partial = dir.resolve("." + name + ".part");
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(partial, bundled);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        copied.add(name);
    }

    /** warden.jar itself, or the classes folder when not run from a jar. */
    private static Path codeSource() throws IOException {
        try {
            return Path.of(BundledPlugins.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate warden.jar: " + e.getMessage(), e);
        }
    }
}
