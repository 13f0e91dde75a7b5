package warden.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config change without a host restart, through {@code warden ctl update} and SIGHUP against a real host: the diff
 * is applied and reported, an untouched service keeps its process, a bad file changes nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CtlUpdateTest {

    private static final String HEAD =
            """
            http: {port: 0%s}
            chat: {console: false}
            metrics: {interval: %s}
            plugins: {dir: ./plugins, watch: false}
            services:
            """;

    @TempDir
    Path dir;

    @Test
    void updateStartsAddedStopsRemovedRestartsChangedAndLeavesTheRestAlone() throws Exception {
        try (HostProcess host = HostProcess.start(
                dir,
                String.format(HEAD, "", "5s")
                        + service("keep", "3600")
                        + service("gone", "3601")
                        + service("changes", "3602"))) {
            Map<String, String> env = Map.of("WARDEN_DATA_DIR", host.data().toString());
            Map<String, Long> before = awaitRunning(env, 3);

            Files.writeString(
                    dir.resolve("warden.yaml"),
                    String.format(HEAD, ", thresholds: {warnPercent: 50, critPercent: 85}", "2s")
                            + service("keep", "3600")
                            + service("changes", "3700")
                            + service("fresh", "3603"));
            CtlRun update = ok(env, "update");
            assertEquals(
                    """
                    config reloaded:
                      added (started): fresh
                      removed (stopped): gone
                      changed (restarted): changes
                      unchanged: keep
                      applied live: http.thresholds.warnPercent
                      needs a host restart: metrics.interval
                    """,
                    update.out());

            Map<String, Long> after = awaitRunning(env, 3);
            assertEquals(List.of("keep", "changes", "fresh"), List.copyOf(after.keySet()));
            assertEquals(before.get("keep"), after.get("keep"), "the unchanged service kept its process");
            assertNotEquals(before.get("changes"), after.get("changes"), "the changed service was restarted");
            assertTrue(
                    ProcessHandle.of(before.get("gone")).map(p -> !p.isAlive()).orElse(true), "gone still runs");
            assertEquals(
                    List.of("sleep", "3700"),
                    ProcessHandle.of(after.get("changes"))
                            .orElseThrow()
                            .info()
                            .arguments()
                            .map(a -> List.of("sleep", a[a.length - 1]))
                            .orElseThrow());
            // Live: the badge thresholds the API serves changed without a restart.
            JsonObject keep = new JsonArray(ok(env, "status", "--json").out()).getJsonObject(0);
            assertEquals(50.0, keep.getJsonObject("thresholds").getDouble("warnPercent"));

            // Nothing new in the file: nothing changes, but the setting that waits for a restart is still listed.
            JsonObject again = new JsonObject(ok(env, "update", "--json").out());
            assertEquals(
                    List.of("keep", "changes", "fresh"),
                    again.getJsonArray("unchanged").getList());
            assertEquals(
                    List.of("metrics.interval"),
                    again.getJsonArray("needsRestart").getList());
            assertEquals(List.of(), again.getJsonArray("added").getList());

            // A bad file changes nothing and says why, as the loader does at start-up.
            String good = Files.readString(dir.resolve("warden.yaml"));
            Files.writeString(
                    dir.resolve("warden.yaml"), good.replace("command: [sleep, \"3603\"]", "comand: [sleep]"));
            CtlRun bad = CtlRun.of(env, "update");
            assertEquals(1, bad.code(), bad.toString());
            assertEquals(
                    "warden ctl: update failed: " + dir.resolve("warden.yaml") + ":13: services[2].comand: unknown "
                            + "key; did you mean \"command\"?\nnothing was changed\n",
                    bad.err());
            assertEquals(after, awaitRunning(env, 3));

            // SIGHUP, as systemd's ExecReload sends it: the same reload, reported on the host's console.
            Files.writeString(
                    dir.resolve("warden.yaml"),
                    String.format(HEAD, ", thresholds: {warnPercent: 50, critPercent: 85}", "2s")
                            + service("keep", "3600")
                            + service("changes", "3700"));
            new ProcessBuilder("kill", "-HUP", Long.toString(host.process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            assertEquals(
                    "warden: config reloaded: added [], removed [fresh], changed [], unchanged [keep, changes]; "
                            + "needs a host restart: [metrics.interval]",
                    host.awaitLine("warden: config reloaded"));
            Map<String, Long> last = awaitRunning(env, 2);
            assertEquals(before.get("keep"), last.get("keep"));

            // A clean stop takes the endpoint file away, so ctl does not knock on a port nobody holds.
            assertTrue(Files.exists(host.data().resolve("run/endpoint")));
            assertEquals(143, host.stop());
            assertFalse(Files.exists(host.data().resolve("run/endpoint")));
            CtlRun down = CtlRun.of(env, "status");
            assertEquals(3, down.code(), down.toString());
        }
    }

    private static String service(String id, String seconds) {
        return "  - id: " + id + "\n    command: [sleep, \"" + seconds + "\"]\n    settle: 200ms\n";
    }

    private static CtlRun ok(Map<String, String> env, String... args) {
        CtlRun r = CtlRun.of(env, args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r);
        return r;
    }

    /** Waits until exactly {@code count} children run; their pids by id, in the host's order. */
    private static Map<String, Long> awaitRunning(Map<String, String> env, int count) throws InterruptedException {
        Predicate<JsonArray> settled = a -> a.size() == count
                && a.stream().allMatch(c -> ((JsonObject) c).getString("state").equals("RUNNING"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonArray last = null;
        while (System.nanoTime() < deadline) {
            last = new JsonArray(ok(env, "status", "--json").out());
            if (settled.test(last)) {
                Map<String, Long> pids = new LinkedHashMap<>();
                last.forEach(c -> pids.put(((JsonObject) c).getString("id"), ((JsonObject) c).getLong("pid")));
                return pids;
            }
            Thread.sleep(100);
        }
        fail("not " + count + " children running within 60s; last answer: " + last);
        return null;
    }
}
