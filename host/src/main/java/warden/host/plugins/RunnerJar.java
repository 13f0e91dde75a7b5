package warden.host.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packs the runner's entries ({@link RunnerCommand#PACKAGES}) of a class path into one small jar, for the class-data
 * archive. warden.jar holds some 13,000 entries, and a JVM that opens it reads its whole central directory into the
 * heap before it loads one class: a plugin JVM that runs from this jar of about 450 entries is ready sooner and uses
 * about 1.4 MB less RSS. A plugin sees the same libraries as before: plugin-api, pf4j and what they need.
 */
final class RunnerJar {

    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/\\d+/(.*)");

    private RunnerJar() {}

    /** Writes {@code target} from the jars of {@code classPath}; the first jar with an entry name wins, as in loading. */
    static void write(List<String> classPath, Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        // Libraries may keep classes for newer JDKs under META-INF/versions.
        manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
            for (String entry : classPath) {
                copy(Path.of(entry), out, written);
            }
        }
    }

    private static void copy(Path jar, JarOutputStream out, Set<String> written) throws IOException {
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            for (JarEntry e : in.stream().toList()) {
                if (e.isDirectory() || !isRunners(e.getName()) || !written.add(e.getName())) {
                    continue;
                }
                out.putNextEntry(new JarEntry(e.getName()));
                try (var bytes = in.getInputStream(e)) {
                    bytes.transferTo((OutputStream) out);
                }
                out.closeEntry();
            }
        }
    }

    static boolean isRunners(String name) {
        Matcher versioned = VERSIONED.matcher(name);
        String plain = versioned.matches() ? versioned.group(1) : name;
        return RunnerCommand.PACKAGES.stream().anyMatch(plain::startsWith);
    }
}
