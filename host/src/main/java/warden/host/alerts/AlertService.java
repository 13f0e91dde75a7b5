package warden.host.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import warden.host.config.AlertsConfig;
import warden.host.config.AlertsConfig.Rule;
import warden.host.storage.Database;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildStatus;

/**
 * Alerts: rules evaluated on every metrics tick and at once on supervisor and plugin events, notifications delivered
 * to webhooks, Slack, Discord, Alertmanager, email and chat, and a history of all of it. What the HTTP API, the chat
 * commands and the dashboard call.
 *
 * <p>Not thread-safe: created on, and confined to, the host context. It reads the other capabilities only through the
 * event bus and the two lookups it is given, and reaches chat only through the {@link ChatSink} chat registers.
 *
 * <p>{@link Intake} feeds the {@link Evaluator} from the bus; the {@link Dispatcher} records and delivers what it
 * decides.
 */
public final class AlertService {

    private final Vertx vertx;
    private final Clock clock;
    private final AlertStore store;
    private final Silences silences = new Silences();
    private final RuleBook book;
    private final Evaluator evaluator;
    private final Dispatcher dispatcher;
    private final Intake intake;
    private final HttpClient client;
    private final String hostname;
    private AlertsConfig config;
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
        this.store = new AlertStore(db);
        this.book = new RuleBook(config);
        this.hostname = hostname();
        // No connection is kept (keep-alive off), so the pool has nothing to expire: without its cleaner, which checks
        // once a second by default, the idle host is not woken for it (issue 16).
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(false), new PoolOptions().setCleanerPeriod(0));
        this.dispatcher = new Dispatcher(vertx, client, Map.copyOf(env), () -> chat, hostname, store, clock);
        Map<String, ChildKind> kinds = new HashMap<>();
        this.evaluator = new Evaluator(clock, silences, dispatcher, kinds::get);
        this.intake = new Intake(vertx.eventBus(), evaluator, children, tail, kinds);
    }

    /** Registered by chat: where chat channels deliver. Until then, chat deliveries fail and are recorded. */
    public void chatSink(ChatSink sink) {
        this.chat = sink;
    }

    /** Loads the history's last id, stored rules and silences, then follows ticks and events. */
    public Future<Void> start() {
        dispatcher.channels(config);
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
                    if (config.enabled()) {
                        intake.listen();
                    }
                    pruneTimer = vertx.setPeriodic(
                            0,
                            Duration.ofHours(1).toMillis(),
                            t -> store.prune(
                                    clock.millis() - this.config.retention().toMillis()));
                    return Future.succeededFuture();
                });
    }

    /**
     * Takes over a reloaded {@code alerts} section: rules, built-ins, channels, defaults, retention and whether alerts
     * run at all. Unchanged rules keep their open alerts and unchanged channels their queues; an open alert of a rule
     * that changed or went away ends as RESOLVED, as when a stored rule is edited.
     */
    public void reconfigure(AlertsConfig next) {
        config = next;
        book.reconfigure(next);
        evaluator.rules(book.all());
        dispatcher.channels(next);
        if (next.enabled()) {
            intake.listen();
        } else {
            intake.stop();
        }
    }

    public Future<Void> stop() {
        intake.stop();
        if (pruneTimer >= 0) {
            vertx.cancelTimer(pruneTimer);
        }
        dispatcher.close();
        return client.close();
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
            dispatcher.record(
                    new HistoryEntry(0, now, 0, m, "", "silence", null, null, "until " + s.until(), "by " + who));
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
        dispatcher.record(
                new HistoryEntry(0, clock.instant(), id, a.rule(), a.scope(), "ack", null, null, null, "by " + who));
        return a;
    }

    /** Name and type of each channel, with its queue length; never its URL or secrets. */
    public List<JsonObject> channels() {
        return dispatcher.describe();
    }

    /** Sends a test notification to one channel, one attempt; fails with the reason it could not be delivered. */
    public Future<Void> test(String channel, String who) {
        return dispatcher.test(channel, who);
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
}
