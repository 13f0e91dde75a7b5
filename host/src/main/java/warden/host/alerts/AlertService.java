package warden.host.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import warden.host.Addresses;
import warden.host.config.AlertsConfig;
import warden.host.config.AlertsConfig.Channel;
import warden.host.config.AlertsConfig.Rule;
import warden.host.storage.Database;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;

/**
 * Alerts: rules evaluated on every metrics tick and at once on supervisor and plugin events, notifications delivered
 * to webhooks, Slack, Discord, Alertmanager, email and chat, and a history of all of it. What the HTTP API, the chat
 * commands and the dashboard call.
 *
 * <p>Not thread-safe: created on, and confined to, the host context. It reads the other capabilities only through the
 * event bus and the two lookups it is given, and reaches chat only through the {@link ChatSink} chat registers.
 */
public final class AlertService {

    private static final int TAIL_LINES = 10;

    private final Vertx vertx;
    private final AlertsConfig config;
    private final Clock clock;
    private final Supplier<List<ChildStatus>> children;
    private final BiFunction<String, Integer, List<String>> tail;
    private final Map<String, String> env;
    private final AlertStore store;
    private final Silences silences = new Silences();
    private final RuleBook book;
    private final Evaluator evaluator;
    private final Map<String, Courier> couriers = new LinkedHashMap<>();
    private final Map<String, ChildKind> kinds = new HashMap<>();
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private final String hostname;
    private HttpClient client;
    private UnaryOperator<String> sourceOf = UnaryOperator.identity();
    private ChatSink chat;
    private long pruneTimer = -1;

    /**
     * @param children the supervisor's children, for kinds, running state and the no-samples rule
     * @param tail the last {@code n} lines a child wrote, for crash notifications
     * @param env where {@code urlEnv}, {@code secretEnv} and {@code passwordEnv} are looked up
     */
    public AlertService(
            Vertx vertx,
            Database db,
            AlertsConfig config,
            Clock clock,
            Supplier<List<ChildStatus>> children,
            BiFunction<String, Integer, List<String>> tail,
            Map<String, String> env) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.children = children;
        this.tail = tail;
        this.env = Map.copyOf(env);
        this.store = new AlertStore(db);
        this.book = new RuleBook(config);
        this.evaluator = new Evaluator(clock, silences, new Recorder(), kinds::get);
        this.hostname = hostname();
    }

    /** Maps a child id to the source its samples are kept under (a reloaded plugin's child to the plugin). */
    public void sourceOf(UnaryOperator<String> mapping) {
        this.sourceOf = mapping;
    }

    /** Registered by chat: where chat channels deliver. Until then, chat deliveries fail and are recorded. */
    public void chatSink(ChatSink sink) {
        this.chat = sink;
    }

    /** Loads the history's last id, stored rules and silences, then follows ticks and events. */
    public Future<Void> start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        for (Channel c : config.channels()) {
            couriers.put(
                    c.name(),
                    new Courier(
                            vertx,
                            c,
                            Channels.transport(vertx, client, c, env, () -> chat, hostname),
                            this::recordAttempt));
        }
        long now = clock.millis();
        return store.lastAlertId()
                .compose(id -> {
                    evaluator.lastId(id);
                    return store.rules();
                })
                .compose(rows -> {
                    book.load(rows);
                    evaluator.rules(book.all());
                    return store.silences(now);
                })
                .compose(list -> {
                    list.forEach(silences::add);
                    if (!config.enabled()) {
                        return Future.succeededFuture();
                    }
                    listen(Addresses.METRICS_TICK, this::onTick);
                    listen(Addresses.CHILD_CRASH, this::onCrash);
                    listen(Addresses.CHILD_STATE, this::onState);
                    listen(Addresses.PLUGIN_RELOAD, this::onReload);
                    pruneTimer = vertx.setPeriodic(
                            0,
                            Duration.ofHours(1).toMillis(),
                            t -> store.prune(clock.millis() - config.retention().toMillis()));
                    return Future.succeededFuture();
                });
    }

    public Future<Void> stop() {
        consumers.forEach(MessageConsumer::unregister);
        consumers.clear();
        if (pruneTimer >= 0) {
            vertx.cancelTimer(pruneTimer);
        }
        couriers.values().forEach(Courier::close);
        return client == null ? Future.succeededFuture() : client.close();
    }

    /** Pending and firing alerts, oldest first. */
    public List<Alert> active() {
        return evaluator.open().stream().map(Track::alert).toList();
    }

    /** Newest first; {@code alertId} 0 for every alert. */
    public Future<List<HistoryEntry>> history(long alertId, int limit) {
        return store.history(alertId, limit);
    }

    public List<RuleView> rules() {
        return book.views();
    }

    /** Adds a rule sent as JSON; IllegalArgumentException when invalid, IllegalStateException when the name is taken. */
    public Future<Rule> addRule(String json) {
        Rule r = book.check(json, null);
        return store.putRule(r.name(), json, clock.millis()).map(v -> {
            book.put(r, json);
            evaluator.rules(book.all());
            return r;
        });
    }

    public Future<Rule> replaceRule(String name, String json) {
        book.requireStored(name);
        Rule r = book.check(json, name);
        return store.putRule(name, json, clock.millis()).map(v -> {
            book.put(r, json);
            evaluator.rules(book.all());
            return r;
        });
    }

    public Future<Void> deleteRule(String name) {
        book.requireStored(name);
        return store.deleteRule(name).map(v -> {
            book.remove(name);
            evaluator.rules(book.all());
            return null;
        });
    }

    public List<Silence> silences() {
        return silences.active(clock.instant());
    }

    /**
     * Holds back notifications matching {@code matcher} ({@code all}, {@code rule:<name>}, {@code child:<id>}, or a
     * bare rule name or child id) for {@code length}.
     */
    public Future<Silence> silence(String matcher, Duration length, String who, String reason) {
        String m = matcherOf(matcher);
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a silence needs a positive duration");
        }
        Instant now = clock.instant();
        return store.addSilence(m, now.plus(length), who, reason, now).map(s -> {
            silences.add(s);
            record(new HistoryEntry(0, now, 0, m, "", "silence", null, null, "until " + s.until(), "by " + who));
            return s;
        });
    }

    public Future<Void> unsilence(long id) {
        if (!silences.remove(id)) {
            throw new NoSuchElementException("no active silence " + id);
        }
        return store.deleteSilence(id);
    }

    /** Stops the repeats of open alert {@code id}; NoSuchElementException when no open alert has it. */
    public Alert ack(long id, String who) {
        if (!evaluator.ack(id, who)) {
            throw new NoSuchElementException("no open alert " + id);
        }
        Alert a = active().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        record(new HistoryEntry(0, clock.instant(), id, a.rule(), a.scope(), "ack", null, null, null, "by " + who));
        return a;
    }

    /** Name and type of each channel, with its queue length; never its URL or secrets. */
    public List<JsonObject> channels() {
        return couriers.values().stream()
                .map(c -> new JsonObject()
                        .put("name", c.name())
                        .put("type", c.channel().type().name().toLowerCase(java.util.Locale.ROOT))
                        .put("queued", c.queued()))
                .toList();
    }

    /** Sends a test notification to one channel, one attempt; fails with the reason it could not be delivered. */
    public Future<Void> test(String channel, String who) {
        Courier c = couriers.get(channel);
        if (c == null) {
            throw new NoSuchElementException(
                    "no channel " + channel + "; channels: " + String.join(", ", couriers.keySet()));
        }
        Instant now = clock.instant();
        Alert a = new Alert(
                0,
                "test",
                "warden",
                AlertsConfig.Severity.WARNING,
                AlertState.FIRING,
                now,
                now,
                null,
                null,
                "test notification from Warden on " + hostname + ", sent by " + who,
                List.of(),
                null);
        return c.test(new Notification(Notice.TEST, a, now));
    }

    // --- inputs ---

    private void listen(String address, java.util.function.Consumer<JsonObject> handler) {
        consumers.add(vertx.eventBus().<JsonObject>consumer(address, m -> handler.accept(m.body())));
    }

    private void onTick(JsonObject tick) {
        Set<String> running = new HashSet<>();
        for (ChildStatus c : children.get()) {
            String source = sourceOf.apply(c.id());
            kinds.put(source, c.kind());
            if (c.state() == ChildState.RUNNING) {
                running.add(source);
            }
        }
        JsonObject byChild = tick.getJsonObject("children", new JsonObject());
        Map<String, Map<String, Object>> values = new LinkedHashMap<>();
        for (String source : byChild.fieldNames()) {
            values.put(source, byChild.getJsonObject(source).getMap());
        }
        evaluator.tick(
                values,
                tick.getJsonObject("host", new JsonObject()).getMap(),
                tick.getJsonObject("system", new JsonObject()).getMap(),
                running);
    }

    private void onCrash(JsonObject crash) {
        String id = crash.getString("id");
        String source = sourceOf.apply(id);
        String reason = crash.getString("reason", "");
        boolean runningAgain =
                children.get().stream().anyMatch(c -> c.id().equals(id) && c.state() == ChildState.RUNNING);
        evaluator.crash(
                source,
                Wording.crash(source, crash),
                tail.apply(id, TAIL_LINES),
                reason.startsWith("not ready"),
                runningAgain);
    }

    private void onState(JsonObject state) {
        String id = state.getString("id");
        String s = state.getString("state");
        List<String> lines = s.equals("FAILED") ? tail.apply(id, TAIL_LINES) : List.of();
        evaluator.state(sourceOf.apply(id), s, state.getString("reason", ""), lines);
    }

    private void onReload(JsonObject reload) {
        String id = reload.getString("id");
        evaluator.reload(id, "ok".equals(reload.getString("outcome")), Wording.reload(id, reload));
    }

    // --- outputs ---

    private void recordAttempt(Notification n, String channel, int attempt, String outcome, String detail) {
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

    private void record(HistoryEntry e) {
        store.record(e);
    }

    private List<String> channelsOf(CompiledRule r) {
        List<String> named = r.rule.channels().isEmpty() ? config.defaultChannels() : r.rule.channels();
        return named.isEmpty() ? List.copyOf(couriers.keySet()) : named;
    }

    private String matcherOf(String matcher) {
        if (matcher == null || matcher.isBlank()) {
            throw new IllegalArgumentException("say what to silence: all, rule:<name> or child:<id>");
        }
        String m = matcher.strip();
        if (m.equals("all") || m.startsWith("rule:") || m.startsWith("child:")) {
            return m;
        }
        boolean rule = book.all().stream().anyMatch(r -> r.name.equals(m));
        return (rule ? "rule:" : "child:") + m;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** The evaluator's decisions: into the history, and to each of the rule's channels. */
    private final class Recorder implements Outbox {
        @Override
        public void transition(Track t, AlertState from, long atMs) {
            record(new HistoryEntry(
                    0,
                    Instant.ofEpochMilli(atMs),
                    t.id,
                    t.rule.name,
                    t.scope,
                    "transition",
                    t.state.name().toLowerCase(java.util.Locale.ROOT),
                    null,
                    null,
                    t.summary));
        }

        @Override
        public void notice(Track t, Notice kind, long atMs) {
            Notification n = new Notification(kind, t.alert(), Instant.ofEpochMilli(atMs));
            for (String name : channelsOf(t.rule)) {
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
    }
}
