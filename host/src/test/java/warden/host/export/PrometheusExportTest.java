package warden.host.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import warden.host.fixtures.External;
import warden.host.fixtures.OnContext;
import warden.host.plugins.FixtureJars;
import warden.host.supervisor.ChildStatus;

/**
 * Two real Warden hosts scraped by one real Prometheus with the bearer token: the exposition passes {@code promtool
 * check metrics}, PromQL reads a child's CPU, {@code up} and a crash counter that rose after a SIGKILL, every panel of
 * docs/grafana/warden.json answers, one query spans both hosts, and a removed child leaves the next scrape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@External.Needs(path = Prometheus.PATH, debianPackage = "prometheus")
@External.Needs(path = Prometheus.PROMTOOL, debianPackage = "prometheus")
class PrometheusExportTest {

    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static final String SERVICES =
            """
            plugins: {dir: %s, watch: false}
            chat: {console: false, game: {enabled: true, childId: game}}
            services:
              - id: steady
                command: [sleep, "600"]
              - id: victim
                command: [sleep, "600"]
                restart: {backoff: 100ms}
              - id: game
                game: vintagestory
                command: ["${java}", -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -cp, "${warden.classpath}",
                          warden.sim.GameSimulator, --boot-delay, 500ms, --players, alice]
                ready: now running on Port
            """;
    private static final String LEAVING =
            """
              - id: leaving
                command: [sleep, "600"]
            """;

    private Path dir;
    private String yamlA;
    private LiveHost a;
    private LiveHost b;
    private Prometheus prometheus;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("warden-prometheus");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        FixtureJars.testPlugin(plugins, "tester", "1.0.0", ">=0.1.0", "");
        yamlA = SERVICES.formatted(plugins);
        a = new LiveHost(dir.resolve("a"), yamlA + LEAVING);
        b = new LiveHost(dir.resolve("b"), "services:\n  - {id: other, command: [sleep, \"600\"]}\n");
        prometheus = new Prometheus(
                Files.createDirectories(dir.resolve("prometheus")),
                LiveHost.TOKEN,
                List.of(a.address(), b.address()),
                List.of(DOCS.resolve("prometheus/warden-rules.yml")));
        // An event through the plugin once it runs, so its timers have a sample.
        Prometheus.await("tester and game running", WAIT, () -> running(a, "tester") && running(a, "game"));
        String reply = a.chat("!echo hi").body();
        assertTrue(reply.contains("hi"), reply);
    }

    private static boolean running(LiveHost host, String id) {
        try {
            return OnContext.get(
                    host.warden.context(),
                    () -> Future.succeededFuture(host.warden
                            .supervisor()
                            .status(id)
                            .map(c -> c.state() == warden.host.supervisor.ChildState.RUNNING)
                            .orElse(false)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    void stop() throws Exception {
        Prometheus.closeAll(prometheus, a, b);
    }

    @Test
    @Order(1)
    void theScrapePassesPromtoolWithEveryFamilyExplained() throws Exception {
        // The player joins after the game runs and is counted from its log; the plugin's counter comes with a tick.
        String scrape = a.scrapeWhen(
                "players and the plugin's counter in the scrape",
                WAIT,
                text -> text.contains("warden_players{child=\"game\"} 1.0") && text.contains("name=\"echoes\""));
        Path file = dir.resolve("scrape.txt");
        Files.writeString(file, scrape);
        Process lint = new ProcessBuilder(Prometheus.PROMTOOL, "check", "metrics")
                .redirectInput(file.toFile())
                .redirectErrorStream(true)
                .start();
        String said = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(10, TimeUnit.SECONDS));
        assertEquals("", said.strip(), "promtool check metrics");
        assertEquals(0, lint.exitValue(), said);

        Set<String> families = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(scrape);
        while (m.find()) {
            families.add(m.group(1) + " " + m.group(2));
        }
        for (String f : List.of(
                "warden_child_up gauge",
                "warden_child_state gauge",
                "warden_child_info gauge",
                "warden_child_restarts_total counter",
                "warden_child_crashes_total counter",
                "warden_child_cpu_seconds_total counter",
                "warden_child_read_bytes_total counter",
                "warden_child_resident_memory_bytes gauge",
                "warden_players gauge",
                "warden_plugin_events_delivered_total counter",
                "warden_plugin_events_handled_total counter",
                "warden_plugin_custom_total counter",
                "warden_plugin_event_duration_seconds histogram",
                "warden_system_network_received_bytes_total counter",
                "warden_system_disk_used_bytes gauge",
                "process_cpu_seconds_total counter",
                "process_resident_memory_bytes gauge",
                "jvm_memory_used_bytes gauge",
                "vertx_http_server_response_time_seconds summary")) {
            assertTrue(families.contains(f), f + " in " + families);
        }
        assertTrue(scrape.contains("warden_plugin_custom_total{child=\"tester\",name=\"echoes\"} 1.0"), scrape);
        assertTrue(
                scrape.contains(
                        "warden_child_info{child=\"tester\",generation=\"0\",kind=\"plugin\",version=\"1.0.0\"}"),
                scrape);
        assertTrue(scrape.contains("warden_child_state{child=\"steady\",state=\"RUNNING\"} 1.0"), scrape);
        assertFalse(scrape.contains("_percent"), "no percentages: ratios or counters instead");
    }

    /**
     * docs/http.md lists every family of the scrape with its type, labels and unit, and every family it lists without
     * an "Only …" is in this scrape. The JVM's own {@code jvm_*} families depend on the JVM's collector and are listed
     * as one row.
     */
    @Test
    @Order(1)
    void theDocsListEveryFamilyOfTheScrape() throws Exception {
        // Once the plugin's event was counted, every family a host of this config has is in the scrape.
        String scrape =
                a.scrapeWhen("the plugin's counter in the scrape", WAIT, text -> text.contains("name=\"echoes\""));
        Map<String, FamilyList.Family> documented = FamilyList.documented(Files.readString(DOCS.resolve("http.md")));
        Map<String, FamilyList.Family> scraped = FamilyList.scraped(scrape);
        List<String> wrong = FamilyList.mismatches(documented, scraped);
        assertEquals("", String.join("\n", wrong), "docs/http.md's family list against the scrape");
        assertTrue(documented.containsKey("jvm_*"), "a jvm_* row");
    }

    @Test
    @Order(2)
    void prometheusReadsCpuUpAndACrashCounterThatRoseAfterASigkill() throws Exception {
        JsonArray up = prometheus.until("up{job=\"warden\"} == 1", WAIT, r -> r.size() == 2);
        assertEquals(
                Set.of(a.address(), b.address()),
                up.stream()
                        .map(s -> ((JsonObject) s).getJsonObject("metric").getString("instance"))
                        .collect(Collectors.toSet()));
        prometheus.until("rate(warden_child_cpu_seconds_total{child=\"game\"}[5s])", WAIT, r -> r.size() == 1);
        JsonArray before = prometheus.until("warden_child_crashes_total{child=\"victim\"}", WAIT, r -> r.size() == 1);
        assertEquals(0, Prometheus.value(before));

        ChildStatus victim = OnContext.get(
                a.warden.context(),
                () -> Future.succeededFuture(
                        a.warden.supervisor().status("victim").orElseThrow()));
        assertTrue(ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly(), "SIGKILL sent");

        prometheus.until("warden_child_crashes_total{child=\"victim\"} >= 1", WAIT, r -> r.size() == 1);
        prometheus.until("increase(warden_child_crashes_total{child=\"victim\"}[1m]) > 0", WAIT, r -> r.size() == 1);
    }

    @Test
    @Order(3)
    void everyGrafanaPanelAnswersForAHost() throws Exception {
        JsonObject dashboard = new JsonObject(Files.readString(DOCS.resolve("grafana/warden.json")));
        JsonArray variables = dashboard.getJsonObject("templating").getJsonArray("list");
        assertTrue(
                variables.stream()
                        .anyMatch(v -> ((JsonObject) v).getString("name").equals("host")),
                "a host variable");
        List<String> empty = new ArrayList<>();
        for (Object p : dashboard.getJsonArray("panels")) {
            JsonObject panel = (JsonObject) p;
            for (Object t : panel.getJsonArray("targets")) {
                String expr = ((JsonObject) t)
                        .getString("expr")
                        .replace("$host", a.address())
                        .replace("$__rate_interval", "10s");
                try {
                    prometheus.until(expr, WAIT, r -> !r.isEmpty());
                } catch (AssertionError e) {
                    empty.add(panel.getString("title") + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), empty, "panels without data");
    }

    @Test
    @Order(4)
    void oneQueryAnswersAcrossBothHosts() throws Exception {
        JsonArray perHost = prometheus.until("count by (instance) (warden_child_up)", WAIT, r -> r.size() == 2);
        for (Object s : perHost) {
            String instance = ((JsonObject) s).getJsonObject("metric").getString("instance");
            assertTrue(Set.of(a.address(), b.address()).contains(instance), instance);
        }
        // The shipped recording rule, evaluated by this Prometheus: one series per host.
        prometheus.until("instance:warden_child_up:sum", WAIT, r -> r.size() == 2);
        JsonArray other = prometheus.until("warden_child_up{child=\"other\"} == 1", WAIT, r -> r.size() == 1);
        assertEquals(b.address(), other.getJsonObject(0).getJsonObject("metric").getString("instance"));
    }

    @Test
    @Order(5)
    void aRemovedChildIsGoneFromTheNextScrape() throws Exception {
        assertTrue(a.get("/metrics").body().contains("child=\"leaving\""));
        a.reload(yamlA);
        String scrape = a.get("/metrics").body();
        assertFalse(scrape.contains("child=\"leaving\""), scrape);
        assertTrue(scrape.contains("child=\"steady\""), scrape);
    }
}
