package warden.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.PluginsConfig;
import warden.host.plugins.fixture.TestPlugin;

/** Descriptors and start order, from manifests only. */
class CatalogTest {

    @TempDir
    Path dir;

    private Catalog.Scan scan(List<PluginsConfig.External> external) {
        return new Catalog("0.1.0").scan(dir, external);
    }

    private void jar(String id, String version, String requires, String deps) throws IOException {
        FixtureJars.jar(dir.resolve(id + ".jar"), id, version, requires, deps, TestPlugin.class);
    }

    @Test
    void dependenciesComeFirstAndCyclesAreRejected() throws IOException {
        jar("app", "1.0.0", "", "lib, extra?");
        jar("lib", "1.0.0", "", "");
        jar("x", "1.0.0", "", "y");
        jar("y", "1.0.0", "", "x");
        Catalog.Scan s = scan(List.of());
        assertEquals(
                List.of("lib", "app"), s.ordered().stream().map(Descriptor::id).toList());
        assertEquals(2, s.rejected().size(), s.rejected().toString());
        assertTrue(
                s.rejected().stream().anyMatch(r -> r.contains("dependency cycle")),
                s.rejected().toString());
    }

    @Test
    void aDependencyOfTheWrongVersionIsRejected() throws IOException {
        jar("app", "1.0.0", "", "lib@>=2.0.0");
        jar("lib", "1.5.0", "", "");
        Catalog.Scan s = scan(List.of());
        assertEquals(List.of("lib"), s.ordered().stream().map(Descriptor::id).toList());
        assertTrue(
                s.rejected().get(0).contains("needs lib >=2.0.0 but found 1.5.0"),
                s.rejected().toString());
    }

    @Test
    void anExternalPluginCanBeADependencyAndIdsStayUnique() throws IOException {
        jar("app", "1.0.0", "*", "py");
        Catalog.Scan s = scan(List.of(
                new PluginsConfig.External("py", List.of("python3", "x.py")),
                new PluginsConfig.External("app", List.of("sh", "y.sh"))));
        assertEquals(
                List.of("py", "app"), s.ordered().stream().map(Descriptor::id).toList());
        assertEquals(List.of("external plugin app: duplicate plugin id"), s.rejected());
    }

    @Test
    void aMissingFolderIsNoPlugins() {
        assertEquals(
                List.of(),
                new Catalog("0.1.0").scan(dir.resolve("nope"), List.of()).ordered());
    }
}
