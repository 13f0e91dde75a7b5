package warden.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import warden.host.supervisor.ChildAttachment;

/**
 * PROTOCOL.md and the Python example plugin checked against the one definition of the protocol in this package: the
 * version, the frame limit, every frame type and event kind with its fields, and what the Python plugin sends; and
 * the Warden version the plugin guide and the example poms name (they are copied by plugin authors, so they cannot
 * take it from the build: this test keeps them equal to the pom's).
 */
class ProtocolDocTest {

    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    private static String doc() throws IOException {
        return Files.readString(CHECKOUT.resolve("plugin-api/PROTOCOL.md"));
    }

    @Test
    void theDocumentStatesTheVersionAndTheFrameLimit() throws IOException {
        String doc = doc();
        int v = Protocol.VERSION;
        assertTrue(doc.startsWith("# Warden plugin wire protocol, version " + v + "\n"), "title");
        assertTrue(doc.contains("`protocol` (integer, must be `" + v + "`)"), "hello row");
        assertTrue(doc.contains("host speaks " + v + "`"), "violation row");
        assertTrue(Pattern.compile("(?m)^\\| " + v + " \\| ").matcher(doc).find(), "row in the version table");
        assertEquals(1 << 20, Protocol.MAX_FRAME_CHARS, "PROTOCOL.md says 1 MiB");
        assertTrue(doc.contains("**1 MiB** (1,048,576 characters)"));
        assertTrue(doc.contains("frame longer than " + Protocol.MAX_FRAME_CHARS + " characters"));
        // The supervisor must hand the connection every line up to a whole frame, or a legal frame would be cut.
        assertTrue(Protocol.MAX_FRAME_CHARS <= ChildAttachment.MAX_LINE_CHARS);
    }

    @Test
    void everyFrameTypeHasARowWithItsFields() throws IOException {
        String doc = doc();
        String pluginToHost = section(doc, "## Plugin → host");
        String hostToPlugin = section(doc, "## Host → plugin");
        for (Class<?> frame : PluginFrame.class.getPermittedSubclasses()) {
            assertRow(pluginToHost, type(frame), fields(frame, Set.of()));
        }
        assertEquals(Set.of("event", "stop"), types(HostFrame.class));
        assertRow(hostToPlugin, "event", List.of("seq", "kind", "origin", "user"));
        assertRow(hostToPlugin, "stop", List.of());
        for (Class<?> kind : Event.class.getPermittedSubclasses()) {
            String name = constant(kind, "KIND");
            List<String> fields = fields(kind, Set.of("origin", "user"));
            String row = line(hostToPlugin, "|  | `kind: \"" + name + "\"`");
            for (String f : fields) {
                assertTrue(row.contains("`" + f + "`"), name + " event row lacks " + f + ": " + row);
            }
        }
    }

    @Test
    void thePythonExampleSpeaksThisVersionInFramesThatExist() throws IOException {
        String py = Files.readString(CHECKOUT.resolve("plugins/python-echo/echo.py"));
        assertTrue(py.contains("\nPROTOCOL = " + Protocol.VERSION + "\n"), "echo.py's PROTOCOL");
        Set<String> sent = new TreeSet<>();
        Matcher m = Pattern.compile("\"type\": \"(\\w+)\"").matcher(py);
        while (m.find()) {
            sent.add(m.group(1));
        }
        assertEquals(types(PluginFrame.class), sent, "the frames echo.py sends");
        Set<String> read = new TreeSet<>();
        Matcher r = Pattern.compile("frame.get\\(\"type\"\\) == \"(\\w+)\"").matcher(py);
        while (r.find()) {
            read.add(r.group(1));
        }
        assertEquals(types(HostFrame.class), read, "the frames echo.py reads");
    }

    @Test
    void theHostVersionIsThePomsWithoutItsQualifier() throws IOException {
        assertEquals(Protocol.release(projectVersion()), Protocol.HOST_VERSION);
        assertEquals("0.1.0", Protocol.release("0.1.0-SNAPSHOT"));
        assertEquals("1.2.3", Protocol.release("1.2.3"));
    }

    @Test
    void thePluginGuideAndTheExamplePomsNameThisVersion() throws IOException {
        String project = projectVersion();
        String requires = "&gt;=" + Protocol.HOST_VERSION;
        String guide = Files.readString(CHECKOUT.resolve("plugin-api/README.md"));
        String example = Files.readString(CHECKOUT.resolve("plugin-api/example/hello/pom.xml"));
        for (String pom : List.of(guide, example)) {
            assertTrue(pom.contains("<artifactId>plugin-api</artifactId>\n      <version>" + project + "</version>"));
            assertTrue(pom.contains("<Plugin-Requires>" + requires + "</Plugin-Requires>"));
        }
        assertTrue(guide.contains("e.g. `>=" + Protocol.HOST_VERSION + "`"), "the manifest table");
        assertTrue(guide.contains("but this is " + Protocol.HOST_VERSION + "`"), "the refusal example");
        String bundled = Files.readString(CHECKOUT.resolve("plugins/pom.xml"));
        assertTrue(bundled.contains("<plugin.requires>" + requires + "</plugin.requires>"), "plugins/pom.xml");
    }

    private static String projectVersion() throws IOException {
        String pom = Files.readString(CHECKOUT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>warden-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertTrue(m.find(), "the parent pom's version");
        return m.group(1);
    }

    private static void assertRow(String table, String type, List<String> fields) {
        String row = line(table, "| `" + type + "` |");
        for (String f : fields) {
            assertTrue(row.contains("`" + f + "`"), type + " row lacks " + f + ": " + row);
        }
    }

    private static String line(String text, String prefix) {
        return text.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + prefix));
    }

    private static String section(String doc, String heading) {
        int start = doc.indexOf(heading + "\n");
        assertTrue(start >= 0, heading);
        int end = doc.indexOf("\n## ", start + heading.length());
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    private static List<String> fields(Class<?> record, Set<String> except) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            if (!except.contains(c.getName())) {
                out.add(c.getName());
            }
        }
        return out;
    }

    private static Set<String> types(Class<?> sealed) {
        Set<String> out = new TreeSet<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            out.add(type(c));
        }
        return out;
    }

    private static String type(Class<?> frame) {
        return constant(frame, "TYPE");
    }

    private static String constant(Class<?> c, String name) {
        try {
            return (String) c.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(c + " has no " + name, e);
        }
    }
}
