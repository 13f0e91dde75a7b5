package warden.host.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static warden.host.storage.OldLayout.ms;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.alerts.AlertService;
import warden.host.alerts.HistoryEntry;
import warden.host.chat.Actor;
import warden.host.chat.AuditEntry;
import warden.host.chat.ChatService;
import warden.host.config.AlertsConfig;
import warden.host.config.ChatConfig;
import warden.host.config.PluginsConfig;
import warden.host.fixtures.OnContext;
import warden.host.plugins.PluginHost;
import warden.host.plugins.ReloadRecord;

/**
 * The stores the old build created on their own (reload log, alert history, rules and silences, chat audit) read back
 * exactly after the upgrade of {@link UpgradeTest}, through the plugin, alert and chat facades.
 */
class UpgradeStoresTest {

    @TempDir
    Path dir;

    private UpgradedHost host;
    private AlertService alerts;

    @BeforeEach
    void setUp() throws Exception {
        host = new UpgradedHost(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (alerts != null) {
            OnContext.closeAndWait(host.context, alerts::stop);
        }
        host.close();
    }

    @Test
    void reloadsAlertsAndAuditReadBackExactly() throws Exception {
        PluginHost plugins = host.get(() -> Future.succeededFuture(
                new PluginHost(host.vertx, host.supervisor, host.db, PluginsConfig.DEFAULT, dir)));
        assertEquals(
                List.of(
                        new ReloadRecord(
                                "greeter",
                                ms(800_000),
                                "1.1.0",
                                "1.2.0",
                                "rolled-back",
                                "not ready in 10s",
                                Duration.ofMillis(10_004)),
                        new ReloadRecord(
                                "greeter", ms(300_000), "1.0.0", "1.1.0", "reloaded", null, Duration.ofMillis(212))),
                host.get(() -> plugins.reloads("greeter", 10)));

        alerts = host.get(() -> {
            AlertService a = new AlertService(
                    host.vertx,
                    host.db,
                    AlertsConfig.DEFAULT,
                    host.clock,
                    host.supervisor::children,
                    (id, n) -> List.of(),
                    Map.of());
            return a.start().map(a);
        });
        assertEquals(
                List.of(
                        new HistoryEntry(3, ms(260_000), 1, "cpu-high", "web", "state", "resolved", null, null, null),
                        new HistoryEntry(
                                2, ms(201_000), 1, "cpu-high", "web", "delivery", null, "ops-irc", "sent", null),
                        new HistoryEntry(
                                1,
                                ms(200_000),
                                1,
                                "cpu-high",
                                "web",
                                "state",
                                "firing",
                                null,
                                null,
                                "cpu 97 > 90 for 1m")),
                host.get(() -> alerts.history(0, 10)));
        assertTrue(alerts.rules().stream().anyMatch(r -> r.rule().name().equals("web-crash")), "the stored rule");
        assertEquals(
                List.of("child:web alice maintenance " + Instant.parse("2030-01-01T00:00:00Z")),
                alerts.silences().stream()
                        .map(s -> s.matcher() + " " + s.who() + " " + s.reason() + " " + s.until())
                        .toList());

        ChatService chat = host.get(() -> Future.succeededFuture(new ChatService(
                host.vertx,
                host.supervisor,
                host.metrics,
                plugins,
                alerts,
                host.db,
                new ChatConfig(false, null, null, 0, 0, null),
                PluginsConfig.DEFAULT)));
        assertEquals(
                List.of(
                        new AuditEntry(
                                2,
                                ms(700_000),
                                Actor.named("bob"),
                                "game",
                                "server",
                                "!stop web",
                                "refused",
                                "not an admin"),
                        new AuditEntry(
                                1,
                                ms(510_000),
                                new Actor("alice", "al", "example.org", "alice"),
                                "irc",
                                "#ops",
                                "!restart web",
                                "ok",
                                null)),
                host.get(() -> chat.audit(10, null)));
    }
}
