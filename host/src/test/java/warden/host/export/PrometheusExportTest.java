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
import java.util.concurrent.TimeUnit;
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

    private ScrapedHosts hosts;
    private LiveHost a;
    private LiveHost b;
    private Prometheus prometheus;

    @BeforeAll
    void start() throws Exception {
        hosts = new ScrapedHosts(DOCS.resolve("prometheus/warden-rules.yml"), WAIT);
        a = hosts.a;
        b = hosts.b;
        prometheus = hosts.prometheus;
    }

    @AfterAll
    void stop() throws Exception {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    @Order(1)
    void theScrapePassesPromtoolWithEveryFamilyExplained() throws Exception {
        // The player joins after the game runs and is counted from its log; the plugin's counter comes with a tick.
        String scrape = a.scrapeWhen(
                "players and the plugin's counter in the scrape",
                WAIT,
                text -> text.contains("warden_players{child=\"game\"} 1.0") && text.contains("name=\"echoes\""));
        Path file = hosts.dir.resolve("scrape.txt");
        Files.writeString(file, scrape);
        Process lint = new ProcessBuilder(Prometheus.PROMTOOL, "check", "metrics")
                .redirectInput(file.toFile())
                .redirectErrorStream(true)
                .start();
        String said = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(10, TimeUnit.SECONDS));
        assertEquals("", said.strip(), "promtool check metrics");
        assertEquals(0, lint.exitValue(), said);

        // The families, their types and labels: theDocsListEveryFamilyOfTheScrape.
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
        // Once the plugin's event was counted and the system's CPU has two readings to compare, every family a host of
        // this config has is in the scrape.
        String scrape = a.scrapeWhen(
                "the plugin's counter and the system CPU in the scrape",
                WAIT,
                text -> text.contains("name=\"echoes\"") && text.contains("warden_system_cpu_usage_ratio"));
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
        hosts.removeLeaving();
        String scrape = a.get("/metrics").body();
        assertFalse(scrape.contains("child=\"leaving\""), scrape);
        assertTrue(scrape.contains("child=\"steady\""), scrape);
    }
}
