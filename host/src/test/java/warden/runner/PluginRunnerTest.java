package warden.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.plugins.FixtureJars;
import warden.host.plugins.fixture.TestPlugin;
import warden.protocol.Protocol;

/** The runner as a real child JVM, driven through its stdin/stdout like the host does. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluginRunnerTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private Process launch() throws Exception {
        Path jar = FixtureJars.jar(dir.resolve("t.jar"), "t", "1.2.3", ">=0.1.0", "other", TestPlugin.class);
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        PluginRunner.class.getName(),
                        jar.toString(),
                        "60000")
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
    }

    @Test
    void saysHelloAnswersEventsAndDiesWhenStdinEnds() throws Exception {
        Process p = launch();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        JsonNode hello = json.readTree(out.readLine());
        assertEquals("hello", hello.path("type").asText());
        assertEquals(1, hello.path("protocol").asInt());
        assertEquals("t", hello.path("id").asText());
        assertEquals("1.2.3", hello.path("version").asText());
        List<String> names = new ArrayList<>();
        hello.path("commands").forEach(c -> names.add(c.path("name").asText()));
        assertEquals(
                List.of("boom", "echo", "exit", "garbage", "hang"),
                names.stream().sorted().toList());
        assertEquals("[\"chat\",\"player\"]", hello.path("events").toString());
        assertEquals("ready", json.readTree(out.readLine()).path("type").asText());

        p.getOutputStream()
                .write("{\"type\":\"event\",\"seq\":7,\"kind\":\"command\",\"name\":\"echo\",\"args\":[\"a\"]}\n"
                        .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        assertEquals("{\"type\":\"counters\",\"values\":{\"echoes\":1}}", out.readLine());
        assertEquals("{\"type\":\"result\",\"seq\":7,\"replies\":[\"a\"]}", out.readLine());

        long closedAt = System.nanoTime();
        p.getOutputStream().close();
        assertTrue(p.waitFor(2, TimeUnit.SECONDS), "runner still alive 2 s after stdin closed");
        assertEquals(0, p.exitValue());
        assertTrue((System.nanoTime() - closedAt) < 2_000_000_000L);
    }

    @Test
    void stopSaysGoodbyeAfterTheEventsBeforeIt() throws Exception {
        Process p = launch();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        out.readLine();
        out.readLine();
        p.getOutputStream()
                .write(("{\"type\":\"event\",\"seq\":1,\"kind\":\"command\",\"name\":\"boom\",\"args\":[]}\n"
                                + "{\"type\":\"stop\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        JsonNode result = json.readTree(out.readLine());
        assertEquals(1, result.path("seq").asInt());
        assertEquals(
                "java.lang.IllegalStateException: boom on purpose",
                result.path("error").asText());
        assertEquals("goodbye", json.readTree(out.readLine()).path("type").asText());
        assertEquals(null, out.readLine());
        assertEquals(0, p.waitFor());
    }

    /** An answer too long for one frame fails its event instead of getting the plugin killed. */
    @Test
    void anAnswerOverTheFrameLimitBecomesAnError() throws Exception {
        Process p = launch();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        out.readLine();
        out.readLine();
        String big = "x".repeat(Protocol.MAX_FRAME_CHARS);
        p.getOutputStream()
                .write(("{\"type\":\"event\",\"seq\":3,\"kind\":\"command\",\"name\":\"echo\",\"args\":[\"" + big
                                + "\"]}\n")
                        .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        assertEquals("counters", json.readTree(out.readLine()).path("type").asText());
        JsonNode result = json.readTree(out.readLine());
        assertEquals(3, result.path("seq").asInt());
        assertEquals("[]", result.path("replies").toString());
        assertEquals(
                "the answer is " + (big.length() + 40) + " characters long; the protocol allows 1048576",
                result.path("error").asText());
        p.getOutputStream().close();
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
    }
}
