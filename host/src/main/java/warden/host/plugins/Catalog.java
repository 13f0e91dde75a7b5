package warden.host.plugins;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginDependency;
import org.pf4j.VersionManager;
import warden.host.config.PluginsConfig;

/**
 * Finds the plugins to run: every {@code *.jar} in the plugins folder plus the external plugins of the config, in an
 * order where each plugin comes after its dependencies.
 *
 * <p>Reads manifests only; no plugin code is loaded into the host. A plugin that cannot run (broken jar, missing
 * manifest entry, duplicate id, incompatible Plugin-Requires, missing or cyclic dependency) is rejected with a
 * sentence saying why, and the others are still returned. Blocking (file I/O): call it off the event loop.
 */
final class Catalog {

    /** What a scan found: runnable plugins in start order, and one message per rejected plugin. */
    record Scan(List<Descriptor> ordered, List<String> rejected) {}

    private final String hostVersion;
    private final VersionManager versions = new DefaultVersionManager();

    Catalog(String hostVersion) {
        this.hostVersion = hostVersion;
    }

    Scan scan(Path dir, List<PluginsConfig.External> external) {
        List<String> rejected = new ArrayList<>();
        Map<String, Descriptor> byId = new LinkedHashMap<>();
        for (Path jar : jars(dir, rejected)) {
            try {
                Descriptor d = read(jar);
                Descriptor earlier = byId.putIfAbsent(d.id(), d);
                if (earlier != null) {
                    rejected.add(jar + ": duplicate plugin id " + d.id() + ", already provided by " + earlier.jar());
                }
            } catch (IOException | RuntimeException e) {
                rejected.add(jar + ": " + e.getMessage());
            }
        }
        for (PluginsConfig.External e : external) {
            if (e.id() == null || e.command() == null || e.command().isEmpty()) {
                rejected.add("external plugin " + e.id() + ": needs an id and a command");
            } else if (byId.putIfAbsent(e.id(), Descriptor.external(e.id(), e.command())) != null) {
                rejected.add("external plugin " + e.id() + ": duplicate plugin id");
            }
        }
        return new Scan(order(byId, rejected), rejected);
    }

    Descriptor read(Path jar) throws IOException {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new IOException("not a readable jar (" + e.getMessage() + ")", e);
        }
        if (manifest == null) {
            throw new IllegalArgumentException("no META-INF/MANIFEST.MF");
        }
        Attributes a = manifest.getMainAttributes();
        String id = required(a, "Plugin-Id");
        String version = required(a, "Plugin-Version");
        required(a, "Plugin-Class");
        String requires = a.getValue("Plugin-Requires") == null
                ? ""
                : a.getValue("Plugin-Requires").trim();
        if (!requires.isEmpty() && !requires.equals("*")) {
            boolean ok;
            try {
                ok = versions.checkVersionConstraint(hostVersion, requires);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("unreadable Plugin-Requires '" + requires + "'", e);
            }
            if (!ok) {
                throw new IllegalArgumentException(
                        "plugin " + id + " requires Warden " + requires + " but this is " + hostVersion);
            }
        }
        String deps = a.getValue("Plugin-Dependencies");
        List<String> dependencies = deps == null || deps.isBlank()
                ? List.of()
                : Arrays.stream(deps.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        String description = a.getValue("Plugin-Description") == null ? "" : a.getValue("Plugin-Description");
        return new Descriptor(id, version, description, requires, dependencies, jar, List.of(), null, "");
    }

    private static String required(Attributes a, String name) {
        String value = a.getValue(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("manifest has no " + name);
        }
        return value.trim();
    }

    private static List<Path> jars(Path dir, List<String> rejected) {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return jars;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
            s.forEach(jars::add);
        } catch (IOException e) {
            rejected.add(dir + ": cannot list plugins folder (" + e.getMessage() + ")");
        }
        jars.sort(null);
        return jars;
    }

    /** Depth-first topological order; ties keep scan order. Drops (and explains) what cannot be placed. */
    private List<Descriptor> order(Map<String, Descriptor> byId, List<String> rejected) {
        Map<String, String> problems = new TreeMap<>();
        Map<String, Integer> marks = new HashMap<>();
        List<Descriptor> ordered = new ArrayList<>();
        for (String id : byId.keySet()) {
            visit(id, byId, marks, ordered, problems);
        }
        problems.values().forEach(rejected::add);
        return ordered;
    }

    // marks: 1 = on the current path, 2 = placed, 3 = rejected. Returns false when id cannot be started.
    private boolean visit(
            String id,
            Map<String, Descriptor> byId,
            Map<String, Integer> marks,
            List<Descriptor> ordered,
            Map<String, String> problems) {
        Integer mark = marks.get(id);
        if (mark != null) {
            if (mark == 1) {
                problems.put(id, "plugin " + id + ": dependency cycle through " + id);
            }
            return mark == 2;
        }
        marks.put(id, 1);
        Descriptor d = byId.get(id);
        for (String raw : d.dependencies()) {
            PluginDependency dep = new PluginDependency(raw);
            Descriptor target = byId.get(dep.getPluginId());
            String why = null;
            if (target == null) {
                why = dep.isOptional() ? null : "missing dependency " + dep.getPluginId();
            } else if (!dep.getPluginVersionSupport().equals("*")
                    && !versions.checkVersionConstraint(target.version(), dep.getPluginVersionSupport())) {
                why = "needs " + dep.getPluginId() + " " + dep.getPluginVersionSupport() + " but found "
                        + target.version();
            } else if (!visit(dep.getPluginId(), byId, marks, ordered, problems)) {
                why = dep.isOptional() ? null : "dependency " + dep.getPluginId() + " cannot start";
            }
            if (why != null) {
                marks.put(id, 3);
                problems.putIfAbsent(id, "plugin " + id + " (" + d.source() + "): " + why);
                return false;
            }
        }
        if (marks.get(id) == 3) {
            return false;
        }
        marks.put(id, 2);
        ordered.add(d);
        return true;
    }
}
