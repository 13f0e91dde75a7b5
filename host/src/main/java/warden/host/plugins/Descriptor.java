package warden.host.plugins;

import java.nio.file.Path;
import java.util.List;

/**
 * One plugin as the catalog found it, before any of its code runs: from a jar manifest, or from the config for an
 * external plugin.
 *
 * @param jar the jar in the plugins folder; null for an external plugin
 * @param staged the copy the child runs, so the jar in the plugins folder can be replaced at any time; null until staged
 * @param sha256 hex digest of the jar's content; empty for an external plugin
 * @param command the external plugin's command line; empty for a jar
 * @param dependencies ids this plugin must start after; an id ending in {@code ?} is optional
 */
record Descriptor(
        String id,
        String version,
        String description,
        String requires,
        List<String> dependencies,
        Path jar,
        List<String> command,
        Path staged,
        String sha256) {

    Descriptor {
        dependencies = List.copyOf(dependencies);
        command = List.copyOf(command);
    }

    static Descriptor external(String id, List<String> command) {
        return new Descriptor(id, "", "external: " + String.join(" ", command), "", List.of(), null, command, null, "");
    }

    Descriptor staged(Path copy, String digest) {
        return new Descriptor(id, version, description, requires, dependencies, jar, command, copy, digest);
    }

    String source() {
        return jar != null ? jar.toString() : String.join(" ", command);
    }
}
