package warden.host.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static warden.host.storage.OldLayout.T0;
import static warden.host.storage.OldLayout.at;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.metrics.Aggregates;
import warden.host.metrics.MetricsService;
import warden.host.metrics.ThresholdStore;
import warden.host.supervisor.ControlEvent;
import warden.host.supervisor.CrashRecord;

/**
 * A data dir written by the build before schema versioning ({@link OldLayout}) opens with this build: every table is
 * migrated, and the history, thresholds, crashes and control events the old build stored read back exactly through
 * the facades the API and chat use. {@link UpgradeStoresTest} does the same for plugins, alerts and chat.
 */
class UpgradeTest {

    @TempDir
    Path dir;

    private UpgradedHost host;

    @BeforeEach
    void setUp() throws Exception {
        host = new UpgradedHost(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        host.close();
    }

    @Test
    void historyOfEveryTierReadsBackExactly() throws Exception {
        assertEquals(Schema.latest(), UpgradedHost.userVersion(dir));
        MetricsService metrics = host.metrics;
        Instant from = Instant.ofEpochMilli(T0);
        Instant end = Instant.ofEpochMilli(at(OldLayout.TICKS - 1) + 1);

        // Raw: 15 s chunks of framed samples, and the three ticks still in the journal, gaps included.
        assertEquals(MetricsService.Tier.RAW, metrics.tierFor(from));
        assertEquals(OldLayout.raw("web", OldLayout::web), host.get(() -> metrics.history("web", from, end, null)));
        assertEquals(
                OldLayout.raw("system", OldLayout::system), host.get(() -> metrics.history("system", from, end, null)));
        Aggregates cpu = host.get(() -> metrics.aggregates("web", "cpu", from, end));
        assertEquals(List.of(1616L, 0.0, 73.5), List.of(cpu.count(), cpu.min(), cpu.max()));

        host.clock.advance(Duration.ofDays(2));
        assertEquals(MetricsService.Tier.MINUTE, metrics.tierFor(from));
        Instant minutes = from.plus(Duration.ofMinutes(134)); // the end of the last minute the old build closed
        assertEquals(
                OldLayout.buckets("web", OldLayout::web, 60_000, 134),
                host.get(() -> metrics.history("web", from, minutes, null)));
        assertEquals(
                OldLayout.buckets("system", OldLayout::system, 60_000, 134),
                host.get(() -> metrics.history("system", from, minutes, null)));

        host.clock.advance(Duration.ofDays(10));
        assertEquals(MetricsService.Tier.HOUR, metrics.tierFor(from));
        Instant hours = from.plus(Duration.ofHours(2));
        assertEquals(
                OldLayout.buckets("web", OldLayout::web, 3_600_000, 2),
                host.get(() -> metrics.history("web", from, hours, null)));
        Aggregates hourly = host.get(() -> metrics.aggregates("web", "cpu", from, hours));
        assertEquals(List.of(1436L, 0.0, 73.5), List.of(hourly.count(), hourly.min(), hourly.max()));
        assertTrue(Double.isNaN(hourly.p95()), "buckets stored before sketches have no percentiles: " + hourly);
    }

    @Test
    void thresholdsCrashesAndControlEventsReadBackExactly() throws Exception {
        ThresholdStore.Band band = host.metrics.thresholds().child("web", ThresholdStore.Metric.CPU);
        assertEquals(List.of(50.0, 75.0, true), List.of(band.warnPercent(), band.critPercent(), band.customised()));
        assertEquals(
                List.of(
                        new CrashRecord(
                                2,
                                "web",
                                OldLayout.ms(900_000),
                                1,
                                null,
                                "exited with 1",
                                Duration.ofSeconds(390),
                                2,
                                "restart in 2s",
                                List.of()),
                        new CrashRecord(
                                1,
                                "web",
                                OldLayout.ms(500_000),
                                137,
                                "SIGKILL",
                                "exited with 137",
                                Duration.ofSeconds(500),
                                1,
                                "restart in 1s",
                                List.of("line one", "it's the \"last\" line"))),
                host.get(() -> host.supervisor.crashes("web", 10)));
        assertEquals(
                List.of(
                        new ControlEvent("web", OldLayout.ms(520_000), "start", "by chat: alice"),
                        new ControlEvent("web", OldLayout.ms(400_000), "stop", "by api")),
                host.get(() -> host.supervisor.controlEvents("web", 10)));
        assertEquals(
                1, host.get(() -> host.supervisor.controlEvents("worker", 10)).size());
    }
}
