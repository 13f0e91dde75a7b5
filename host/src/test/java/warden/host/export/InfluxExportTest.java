package warden.host.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import warden.host.fixtures.External;

/**
 * Two real Warden hosts pushing into one real InfluxDB 1.x database with retention on: points carry the {@code child}
 * and {@code host} tags, the policies {@code raw}/{@code hourly}/{@code daily} and the two continuous queries are
 * there as docs/configuration.md describes them, and what each continuous query defines, run over the pushed points,
 * writes rows that can be read back from its policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@External.Needs(path = Influxd.PATH, debianPackage = "influxdb")
class InfluxExportTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String MEMORY = "\"warden\".\"raw\".\"warden_child_resident_memory\"";

    private Influxd influxd;
    private LiveHost alpha;
    private LiveHost beta;

    /** The {@code export} section of a host that pushes to {@code url} every second, tagged {@code host}. */
    static String export(String url, String host) {
        return "export: {influx: {enabled: true, url: " + url + ", step: 1s, retention: true, host: " + host + "}}\n";
    }

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("warden-influx");
        influxd = new Influxd(dir.resolve("influxd")).start();
        alpha = new LiveHost(
                dir.resolve("alpha"),
                export(influxd.url(), "alpha") + "services:\n  - {id: steady, command: [sleep, \"600\"]}\n");
        beta = new LiveHost(
                dir.resolve("beta"),
                export(influxd.url(), "beta") + "services:\n  - {id: other, command: [sleep, \"600\"]}\n");
    }

    @AfterAll
    void stop() throws Exception {
        Prometheus.closeAll(alpha, beta, influxd);
    }

    @Test
    void pointsCarryTheChildAndTheHostTag() throws Exception {
        influxd.until(
                "SELECT last(value) FROM " + MEMORY + " WHERE value > 0 GROUP BY child, host",
                WAIT,
                rows -> rows.size() == 2);
        JsonArray series = influxd.series("SELECT last(value) FROM " + MEMORY + " GROUP BY child, host");
        Set<String> tagged = series.stream()
                .map(s -> ((io.vertx.core.json.JsonObject) s).getJsonObject("tags"))
                .map(t -> t.getString("host") + "/" + t.getString("child"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("alpha/steady", "beta/other"), tagged);
        // The host's own meters carry the host tag too, so one query can tell two hosts' JVMs apart.
        influxd.until(
                "SHOW TAG VALUES FROM \"warden\".\"raw\".\"process_cpu\" WITH KEY = \"host\"",
                WAIT,
                rows -> rows.size() == 2);
    }

    @Test
    void theRetentionPoliciesAreRawHourlyAndDaily() throws Exception {
        Map<String, String> kept = new HashMap<>();
        String defaultPolicy = null;
        // The push starts once the set-up is done, so a pushed point says it is.
        influxd.until("SELECT count(value) FROM " + MEMORY, WAIT, rows -> !rows.isEmpty());
        for (JsonArray row : influxd.rows("SHOW RETENTION POLICIES ON \"warden\"")) {
            kept.put(row.getString(0), row.getString(1));
            if (row.getBoolean(4)) {
                defaultPolicy = row.getString(0);
            }
        }
        assertEquals(Map.of("raw", "168h0m0s", "hourly", "720h0m0s", "daily", "2160h0m0s"), kept);
        assertEquals("raw", defaultPolicy);
    }

    @Test
    void whatEachContinuousQueryDefinesWritesRowsIntoItsPolicy() throws Exception {
        influxd.until(
                "SELECT count(value) FROM " + MEMORY + " WHERE host = 'alpha' AND child = 'steady'",
                WAIT,
                rows -> !rows.isEmpty());
        Map<String, String> queries = new HashMap<>();
        for (JsonArray row : influxd.rows("SHOW CONTINUOUS QUERIES")) {
            queries.put(row.getString(0), row.getString(1));
        }
        assertEquals(Set.of("warden_hourly", "warden_daily"), queries.keySet());
        assertCqRuns(queries.get("warden_hourly"), "hourly", "1h", "2h");
        assertCqRuns(queries.get("warden_daily"), "daily", "1d", "2d");
    }

    /**
     * InfluxDB runs a continuous query when its GROUP BY interval ends (the next full hour or day); the test runs the
     * query's own SELECT … INTO over the recent points instead, then reads what it wrote from the policy.
     */
    private void assertCqRuns(String cq, String policy, String every, String span) throws Exception {
        Matcher m = Pattern.compile("BEGIN (SELECT .+ INTO (\\S+) FROM (\\S+)) (GROUP BY .+) END")
                .matcher(cq);
        assertTrue(m.find(), cq);
        assertEquals("warden." + policy + ".:MEASUREMENT", m.group(2), cq);
        assertEquals("warden.raw./.*/", m.group(3), "downsampled from the raw points themselves: " + cq);
        assertEquals("GROUP BY time(" + every + "), *", m.group(4), cq);
        List<JsonArray> written = influxd.rows(m.group(1) + " WHERE time > now() - " + span + " " + m.group(4));
        assertTrue(written.get(0).getLong(1) > 0, cq + " wrote nothing");
        List<JsonArray> means = influxd.rows("SELECT mean_value FROM \"warden\".\"" + policy
                + "\".\"warden_child_resident_memory\" WHERE host = 'alpha' AND child = 'steady'");
        assertTrue(!means.isEmpty() && means.get(0).getDouble(1) > 0, policy + ": " + means);
    }
}
