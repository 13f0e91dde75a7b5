package warden.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden ctl alerts} and {@code warden ctl silence} against a real host whose child crash-loops: the open alert
 * as a table and as the API's JSON, a silence set and listed, and the mistakes with their exit codes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CtlAlertsTest {

    private static final String CONFIG =
            """
            http: {port: 0}
            chat: {console: false}
            plugins: {dir: ./plugins, watch: false}
            alerts:
              builtin: {crash: false}
            services:
              - id: looper
                command: [sh, -c, "echo boom; exit 3"]
                restart: {backoff: 50ms, maxBackoff: 1h, crashLoopCrashes: 3, crashLoopWindow: 1m}
            """;

    @TempDir
    Path dir;

    @Test
    void alertsAndSilencesAsTablesAndJson() throws Exception {
        try (HostProcess host = HostProcess.start(dir, CONFIG)) {
            Map<String, String> env = Map.of("WARDEN_DATA_DIR", host.data().toString());
            JsonObject alert = awaitAlert(env);
            assertEquals("crash-loop", alert.getString("rule"));
            assertEquals("looper", alert.getString("scope"));
            assertEquals("FIRING", alert.getString("state"));

            List<String> table = ok(env, "alerts").lines();
            assertEquals(2, table.size(), table.toString());
            assertTrue(
                    table.get(0).matches("ID +STATE +SEVERITY +RULE +SCOPE +SINCE +ACKED BY +SUMMARY"), table.get(0));
            assertTrue(
                    table.get(1)
                            .matches(alert.getLong("id") + " +FIRING +CRITICAL +crash-loop +looper +"
                                    + alert.getString("firingSince") + " +- +looper is FAILED: crash loop: 3 crashes "
                                    + "in .*; last crash: exit code 3, exited.*"),
                    table.get(1));

            assertEquals("no silences\n", ok(env, "silence").out());
            String silenced =
                    ok(env, "silence", "looper", "2h", "--reason", "fixing it").out();
            assertTrue(silenced.matches("silenced child:looper until \\S+Z \\(silence 1\\)\n"), silenced);
            List<String> silences = ok(env, "silence").lines();
            assertTrue(silences.get(0).matches("ID +MATCHER +UNTIL +WHO +REASON"), silences.get(0));
            assertTrue(silences.get(1).matches("1 +child:looper +\\S+Z +api +fixing it"), silences.get(1));
            JsonObject json = new JsonObject(ok(env, "silence", "--json").out());
            JsonObject s = json.getJsonArray("silences").getJsonObject(0);
            assertEquals("child:looper", s.getString("matcher"));
            assertEquals("fixing it", s.getString("reason"));
            JsonObject made = new JsonObject(
                    ok(env, "silence", "crash-loop", "30m", "--json").out());
            assertEquals("rule:crash-loop", made.getString("matcher"));

            CtlRun badDuration = CtlRun.of(env, "silence", "looper", "soon");
            assertEquals(1, badDuration.code(), badDuration.toString());
            assertEquals("warden ctl: silence failed: duration must be a duration like 30m or 2h\n", badDuration.err());
            CtlRun noDuration = CtlRun.of(env, "silence", "looper");
            assertEquals(2, noDuration.code(), noDuration.toString());
            assertEquals("warden ctl: silence looper: say for how long, e.g. 2h\n", noDuration.err());
        }
    }

    private static CtlRun ok(Map<String, String> env, String... args) {
        CtlRun r = CtlRun.of(env, args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r);
        return r;
    }

    /** The first open alert once there is one, from {@code alerts --json}; waits up to 60 s. */
    private static JsonObject awaitAlert(Map<String, String> env) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonArray last = null;
        while (System.nanoTime() < deadline) {
            last = new JsonObject(ok(env, "alerts", "--json").out()).getJsonArray("alerts");
            if (!last.isEmpty()) {
                return last.getJsonObject(0);
            }
            Thread.sleep(100); // waiting on a condition with a deadline, not for time to pass
        }
        fail("no alert within 60s; last answer: " + last);
        return null;
    }
}
