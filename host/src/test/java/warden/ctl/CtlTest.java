package warden.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.Fixtures;

/**
 * {@code warden ctl} against a real host in its own JVM: every way of finding it, every command's table and JSON, and
 * the exit codes, including a refused token and a host that is not there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CtlTest {

    private static final String CONFIG =
            """
            http: {port: 0}
            chat: {console: false}
            metrics: {interval: 1s}
            plugins: {dir: ./plugins, watch: false}
            services:
              - id: keep
                command: [sleep, "3600"]
                settle: 200ms
              - id: talker
                command: ["${java}", -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -cp, "${warden.classpath}",
                          warden.host.fixtures.SayWhenTold, cue.txt]
                ready: ^ready$
              - id: crasher
                command: [sleep, "3601"]
                settle: 200ms
                restart: {policy: never}
            """;

    @TempDir
    static Path dir;

    private HostProcess host;
    private Map<String, String> local;

    @BeforeAll
    void startHost() throws Exception {
        host = HostProcess.start(dir.resolve("host"), CONFIG);
        local = Map.of("WARDEN_DATA_DIR", host.data().toString());
        awaitStatus(children -> children.size() == 3
                && children.stream()
                        .allMatch(c -> ((JsonObject) c).getString("state").equals("RUNNING")));
    }

    @AfterAll
    void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void statusPrintsATableAndTheApiJson() throws Exception {
        // Settled, so the table and the JSON read a moment apart show the same states and pids.
        awaitStatus(children -> children.stream()
                .map(c -> ((JsonObject) c).getString("state"))
                .allMatch(state ->
                        List.of("RUNNING", "CRASHED", "FAILED", "STOPPED").contains(state)));
        CtlRun table = ok("status");
        JsonArray json = new JsonArray(ok("status", "--json").out());
        List<String> lines = table.lines();
        assertTrue(lines.get(0).matches("ID +KIND +STATE +PID +UPTIME +RESTARTS +CPU +MEM +GEN"), lines.get(0));
        assertEquals(1 + json.size(), lines.size(), table.toString());
        for (int i = 0; i < json.size(); i++) {
            JsonObject child = json.getJsonObject(i);
            // Columns are at least two spaces apart.
            List<String> cells = List.of(lines.get(i + 1).split(" {2,}"));
            long pid = child.getLong("pid");
            assertEquals(9, cells.size(), lines.get(i + 1));
            assertEquals(
                    List.of(
                            child.getString("id"),
                            "service",
                            child.getString("state"),
                            pid > 0 ? Long.toString(pid) : "-",
                            child.getInteger("restarts").toString(),
                            "-"),
                    List.of(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(5), cells.get(8)));
            assertTrue(cells.get(4).matches("-|\\d+ms|\\d+[smhd](\\d+[smh])?"), cells.get(4));
        }
        assertEquals(List.of("keep", "talker", "crasher"), ids(json));
    }

    @Test
    void findsTheHostFromItsDataDirTheEnvironmentOrTheCommandLine() throws Exception {
        String url = host.url();
        String token = host.token();
        List<String> expected = List.of("keep", "talker", "crasher");
        assertEquals(expected, ids(new JsonArray(ok("status", "--json").out())));
        assertEquals(
                expected,
                ids(new JsonArray(run(Map.of(), "--data", host.data().toString(), "status", "--json")
                        .out())));
        assertEquals(
                expected,
                ids(new JsonArray(run(Map.of(), "status", "--json", "--url", url, "--token", token)
                        .out())));
        assertEquals(
                expected,
                ids(new JsonArray(run(Map.of("WARDEN_URL", url, "WARDEN_TOKEN", token), "status", "--json")
                        .out())));
    }

    @Test
    void aRefusedTokenAHostThatIsDownAndNoHostAtAllExitWith3() throws Exception {
        CtlRun refused = CtlRun.of(local, "status", "--token", "not-the-token");
        assertEquals(3, refused.code(), refused.toString());
        assertEquals(
                "warden ctl: the host at " + host.url() + " refused the token (401 invalid bearer token)\n",
                refused.err());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CtlRun down = CtlRun.of(Map.of(), "--url", "http://127.0.0.1:" + closedPort, "--token", "t", "status");
        assertEquals(3, down.code(), down.toString());
        assertTrue(
                down.err().startsWith("warden ctl: cannot reach the host at http://127.0.0.1:" + closedPort + ": "),
                down.err());

        Path empty = Files.createDirectories(dir.resolve("no-host"));
        CtlRun none = CtlRun.of(Map.of(), "--data", empty.toString(), "status");
        assertEquals(3, none.code(), none.toString());
        assertTrue(none.err().startsWith("warden ctl: no host is running with the data dir " + empty), none.err());
    }

    @Test
    void aBadCommandLineExitsWith2() {
        for (String[] args : List.of(
                new String[] {"frobnicate"},
                new String[] {},
                new String[] {"logs"},
                new String[] {"status", "--no-such-option"},
                new String[] {"top", "disk"},
                new String[] {"logs", "talker", "--grep", "["})) {
            CtlRun r = CtlRun.of(local, args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r);
        }
    }

    @Test
    void controlsChildrenByIdGlobOrAllAndSaysWhenItFailed() {
        long before = pid("keep");
        CtlRun restarted = ok("restart", "ke*");
        assertTrue(
                restarted.out().matches("keep: restart done, now (STARTING|RUNNING) \\(pid \\d+\\)\n"),
                restarted.toString());
        assertNotEquals(before, pid("keep"));

        CtlRun unknown = CtlRun.of(local, "stop", "nosuch");
        assertEquals(1, unknown.code(), unknown.toString());
        assertEquals("warden ctl: nosuch: stop failed: no child 'nosuch'\n", unknown.err());

        CtlRun noMatch = CtlRun.of(local, "stop", "zz*");
        assertEquals(1, noMatch.code(), noMatch.toString());
        assertEquals("warden ctl: no child matches zz*\n", noMatch.err());
    }

    @Test
    void logsShowsTheTailAndFollowStreamsALinePrintedAfterItAttached() throws Exception {
        assertEquals("ready", ok("logs", "talker", "-n", "5").lines().get(0));
        JsonArray json = new JsonArray(ok("logs", "talker", "--json").out());
        assertEquals("ready", json.getJsonObject(0).getString("text"));
        assertEquals(List.of("ready"), ok("logs", "talker", "--grep", "^rea").lines());
        assertEquals(
                List.of(), ok("logs", "talker", "--grep", "^nothing like this").lines());

        // A real ctl process, as a shell runs it; it never ends by itself, like tail -f.
        ProcessBuilder pb = new ProcessBuilder(
                        Fixtures.java(Ctl.class, "--data", host.data().toString(), "logs", "-f", "talker"))
                .redirectError(dir.resolve("follow-err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
        Process follow = pb.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine(), "the tail comes first");
            // Printed only now, so it can only have come through the stream.
            Files.writeString(host.dir.resolve("cue.txt"), "after ctl attached");
            assertEquals("told: after ctl attached", out.readLine());
        } finally {
            follow.destroyForcibly();
        }
    }

    @Test
    void crashesAndOneCrashWithItsTail() throws Exception {
        ProcessHandle.of(pid("crasher")).orElseThrow().destroyForcibly();
        JsonArray crashes = awaitJson(a -> !a.isEmpty(), "crashes", "crasher", "--json");
        JsonObject crash = crashes.getJsonObject(0);
        assertEquals("crasher", crash.getString("childId"));
        assertEquals(137, crash.getInteger("exitCode"));
        long seq = crash.getLong("seq");

        List<String> table = ok("crashes", "crasher").lines();
        assertTrue(table.get(0).matches("SEQ +CHILD +AT +EXIT +SIGNAL +UPTIME +DECISION +REASON"), table.get(0));
        assertTrue(table.get(1).matches(seq + " +crasher +\\S+ +137 +SIGKILL +.*"), table.get(1));

        List<String> one = ok("crash", Long.toString(seq)).lines();
        assertEquals("crash " + seq + " of crasher at " + crash.getString("at"), one.get(0));
        assertEquals("  exit code: 137 (likely SIGKILL)", one.get(1));
        assertEquals(
                "crasher",
                new JsonObject(ok("crash", Long.toString(seq), "--json").out()).getString("childId"));

        CtlRun missing = CtlRun.of(local, "crash", "987654321");
        assertEquals(1, missing.code(), missing.toString());
        assertEquals("warden ctl: no crash 987654321\n", missing.err());
    }

    @Test
    void metricsAndTopReadTheSamples() throws Exception {
        awaitStatus(children -> children.stream()
                .map(c -> (JsonObject) c)
                .filter(c -> c.getString("id").equals("talker"))
                .anyMatch(c -> c.getJsonObject("latest") != null
                        && c.getJsonObject("latest").getJsonObject("values").containsKey("cpu")));
        List<String> metrics = ok("metrics", "talker", "--window", "5m").lines();
        assertTrue(metrics.get(0).startsWith("talker over 5m ("), metrics.get(0));
        assertTrue(metrics.get(1).matches("SERIES +SAMPLES +AVG +MIN +MAX +P50 +P95 +P99"), metrics.get(1));
        assertTrue(metrics.get(2).matches("cpu +[1-9]\\d* +.*"), metrics.get(2));
        assertTrue(metrics.get(3).matches("rssBytes +[1-9]\\d* +\\d+\\.\\d (KiB|MiB|GiB) +.*"), metrics.get(3));
        JsonObject json = new JsonObject(ok("metrics", "talker", "--json").out());
        assertTrue(json.getJsonObject("aggregates").getJsonObject("rssBytes").getLong("count") > 0, json.encode());

        List<String> top = ok("top", "mem").lines();
        assertEquals("ID", top.get(0).split(" +")[0]);
        assertEquals("MEM", top.get(0).split(" +")[1]);
        // The JVM uses more memory than sleep(1) does.
        assertTrue(top.get(1).startsWith("talker "), top.toString());

        CtlRun unknown = CtlRun.of(local, "metrics", "nosuch");
        assertEquals(1, unknown.code(), unknown.toString());
    }

    @Test
    void checkConfigNeedsNoHostAndSaysWhatIsWrong() throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "services:\n  - id: a\n    command: [sleep, '1']\n");
        assertEquals(
                good + ": ok; services: a\n",
                run(Map.of(), "check-config", good.toString()).out());

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "services:\n  - id: a\n    comand: [sleep, '1']\n");
        CtlRun r = CtlRun.of(Map.of(), "check-config", bad.toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals(
                bad.toAbsolutePath() + ":3: services[0].comand: unknown key; did you mean \"command\"?\n"
                        + "warden ctl: " + bad + " has errors\n",
                r.err());
        JsonObject json = new JsonObject(
                CtlRun.of(Map.of(), "check-config", bad.toString(), "--json").out());
        assertEquals(false, json.getBoolean("ok"));
    }

    @Test
    void alertsSayWhetherTheHostHasAny() {
        CtlRun r = CtlRun.of(local, "alerts");
        // Until the host serves /api/v1/alerts, the command says so instead of failing obscurely.
        if (r.code() != 0) {
            assertEquals(1, r.code(), r.toString());
            assertEquals("warden ctl: the host has no alerts yet (its API has no /api/v1/alerts)\n", r.err());
        }
    }

    private CtlRun ok(String... args) {
        return run(local, args);
    }

    private static CtlRun run(Map<String, String> env, String... args) {
        CtlRun r = CtlRun.of(env, args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r);
        return r;
    }

    private long pid(String id) {
        for (Object o : new JsonArray(ok("status", "--json").out())) {
            JsonObject c = (JsonObject) o;
            if (c.getString("id").equals(id)) {
                return c.getLong("pid");
            }
        }
        throw new AssertionError("no child " + id);
    }

    private static List<String> ids(JsonArray children) {
        return children.stream().map(c -> ((JsonObject) c).getString("id")).toList();
    }

    private void awaitStatus(Predicate<JsonArray> condition) throws InterruptedException {
        awaitJson(condition, "status", "--json");
    }

    /** Polls a read command until its JSON fulfils {@code condition}; the host's state changes on its own time. */
    private JsonArray awaitJson(Predicate<JsonArray> condition, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonArray last = null;
        while (System.nanoTime() < deadline) {
            last = new JsonArray(ok(args).out());
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        fail("not within 60s; last answer: " + last);
        return null;
    }
}
