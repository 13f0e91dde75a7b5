package warden.host.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import warden.host.config.AlertsConfig;
import warden.host.config.AlertsConfig.Channel;
import warden.host.config.AlertsConfig.Severity;

/**
 * The evaluator's decisions, carried out: each transition and held-back notice into the history, each notice to the
 * {@link Courier} of every channel its rule names, and every delivery attempt back into the history.
 *
 * <p>Owned by the {@link AlertService}, on the host context. A config reload replaces only the couriers whose channel
 * changed, so an unchanged channel keeps its queue.
 */
final class Dispatcher implements Outbox {

    private final Vertx vertx;
    private final HttpClient client;
    private final Map<String, String> env;
    private final Supplier<ChatSink> chat;
    private final String hostname;
    private final AlertStore store;
    private final Clock clock;
    private final Map<String, Courier> couriers = new LinkedHashMap<>();
    private List<String> defaultChannels = List.of();

    Dispatcher(
            Vertx vertx,
            HttpClient client,
            Map<String, String> env,
            Supplier<ChatSink> chat,
            String hostname,
            AlertStore store,
            Clock clock) {
        this.vertx = vertx;
        this.client = client;
        this.env = env;
        this.chat = chat;
        this.hostname = hostname;
        this.store = store;
        this.clock = clock;
    }

    /** Opens a courier per channel of {@code config}; those of a previous config that are gone or changed close. */
    void channels(AlertsConfig config) {
        defaultChannels = config.defaultChannels();
        Map<String, Courier> before = new LinkedHashMap<>(couriers);
        couriers.clear();
        for (Channel c : config.channels()) {
            Courier old = before.remove(c.name());
            if (old != null && old.channel().equals(c)) {
                couriers.put(c.name(), old);
            } else {
                if (old != null) {
                    old.close();
                }
                Transport t = Channels.transport(vertx, client, c, env, chat, hostname);
                couriers.put(c.name(), new Courier(vertx, c, t, this::attempt));
            }
        }
        before.values().forEach(Courier::close);
    }

    void close() {
        couriers.values().forEach(Courier::close);
        couriers.clear();
    }

    /** Name and type of each channel, with its queue length; never its URL or secrets. */
    List<JsonObject> describe() {
        return couriers.values().stream()
                .map(c -> new JsonObject()
                        .put("name", c.name())
                        .put("type", c.channel().type().name().toLowerCase(Locale.ROOT))
                        .put("queued", c.queued()))
                .toList();
    }

    /** One test notice to {@code channel}, outside its queue; fails with the reason it could not be delivered. */
    Future<Void> test(String channel, String who) {
        Courier c = couriers.get(channel);
        if (c == null) {
            throw new NoSuchElementException(
                    "no channel " + channel + "; channels: " + String.join(", ", couriers.keySet()));
        }
        Instant now = clock.instant();
        String summary = "test notification from Warden on " + hostname + ", sent by " + who;
        Alert a = new Alert(
                0,
                "test",
                "warden",
                Severity.WARNING,
                AlertState.FIRING,
                now,
                now,
                null,
                null,
                summary,
                List.of(),
                null);
        return c.test(new Notification(Notice.TEST, a, now));
    }

    void record(HistoryEntry e) {
        store.record(e);
    }

    @Override
    public void transition(Track t, AlertState from, long atMs) {
        record(new HistoryEntry(
                0,
                Instant.ofEpochMilli(atMs),
                t.id,
                t.rule.name,
                t.scope,
                "transition",
                t.state.name().toLowerCase(Locale.ROOT),
                null,
                null,
                t.summary));
    }

    @Override
    public void notice(Track t, Notice kind, long atMs) {
        Notification n = new Notification(kind, t.alert(), Instant.ofEpochMilli(atMs));
        List<String> named = t.rule.rule.channels().isEmpty() ? defaultChannels : t.rule.rule.channels();
        for (String name : named.isEmpty() ? List.copyOf(couriers.keySet()) : named) {
            Courier c = couriers.get(name);
            if (c != null) {
                c.offer(n);
            }
        }
    }

    @Override
    public void suppressed(Track t, Notice kind, String why, long atMs) {
        record(new HistoryEntry(
                0,
                Instant.ofEpochMilli(atMs),
                t.id,
                t.rule.name,
                t.scope,
                "suppressed",
                kind.word(),
                null,
                why,
                t.summary));
    }

    private void attempt(Notification n, String channel, int attempt, String outcome, String detail) {
        Alert a = n.alert();
        record(new HistoryEntry(
                0,
                clock.instant(),
                a.id(),
                a.rule(),
                a.scope(),
                "delivery",
                n.kind().word(),
                channel,
                outcome,
                "attempt " + attempt + (detail == null ? "" : ": " + detail)));
    }
}
