package warden.host.chat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import warden.host.alerts.AlertService;
import warden.host.bus.Addresses;
import warden.host.bus.Bus;
import warden.host.bus.PlayerEvent;
import warden.host.config.ChatConfig;
import warden.host.config.PluginsConfig;
import warden.host.metrics.MetricsService;
import warden.host.plugins.Command;
import warden.host.plugins.PluginHost;
import warden.host.storage.Database;
import warden.host.supervisor.Supervisor;

/**
 * Takes a chat line from any connector (console, HTTP, IRC, game chat), answers host admin commands itself and hands
 * plugin commands to the router.
 *
 * <p>Who may do what: {@code !help}, {@code !status}, {@code !players}, {@code !plugins} and plugin commands are open
 * to everyone; {@code !metrics}, {@code !top}, {@code !crashes} and the control commands ({@code !restart}, {@code
 * !stop}, {@code !start}, {@code !reload}) and the alert commands ({@code !alerts}, {@code !silence}, {@code !ack})
 * need {@link ChatMessage#admin()}, which each connector decides. Every
 * admin-only command, carried out or refused, is written to the audit log. Commands are rate-limited per user, except
 * on the console and HTTP, whose users are already authenticated.
 *
 * <p>Confined to the host context: build it there, and call {@link #handle} there. Connectors hop to it themselves.
 */
public final class ChatService {

    /**
     * Longest reply line in UTF-8 bytes: IRC allows 512 bytes per line including the sender's prefix and the target,
     * chat windows wrap earlier. Each connector still cuts to what its own line allows.
     */
    static final int MAX_LINE_BYTES = 400;

    static final int MAX_LINES = 3;

    private final Vertx vertx;
    private final Context context;
    private final Host host;
    private final ChatConfig config;
    private final String prefix;
    private final Clock clock;
    private final PlayerRoster roster;
    private final AdminCommands commands;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final List<Connector> connectors = new ArrayList<>();

    public ChatService(
            Vertx vertx,
            Supervisor supervisor,
            MetricsService metrics,
            PluginHost plugins,
            AlertService alerts,
            Database db,
            ChatConfig config,
            PluginsConfig pluginsConfig) {
        this(
                vertx,
                new LiveHost(supervisor, metrics, plugins, alerts),
                db,
                config,
                pluginsConfig.commandPrefix(),
                Clock.systemUTC());
    }

    ChatService(Vertx vertx, Host host, Database db, ChatConfig config, String prefix, Clock clock) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.host = host;
        this.config = config;
        this.prefix = prefix == null || prefix.isEmpty() ? "!" : prefix;
        this.clock = clock;
        this.roster = new PlayerRoster(vertx.eventBus(), clock);
        this.commands = new AdminCommands(vertx, host, roster, clock, this.prefix, config.dashboardUrl());
        this.limiter = new RateLimiter(clock, config.commandsPerMinute(), config.commandBurst());
        this.audit = new AuditLog(db, vertx.eventBus());
        Bus.register(vertx.eventBus(), Addresses.GAME_PLAYER, PlayerEvent.class);
        Bus.register(vertx.eventBus(), Addresses.AUDIT, AuditEntry.class);
        if (config.game().enabled()) {
            roster.watch(config.game().childId());
        }
        host.addSeriesSource(roster::series);
        host.onPluginOutput((origin, text) -> deliver(origin, List.of(text)));
    }

    /**
     * What to answer to one line.
     *
     * @param lines at most three, each at most {@link #MAX_LINE_BYTES}; empty when the line is not a command or the
     *     user is being throttled
     * @param adminOnly the lines answer an admin-only command: they are for admins' eyes, not a public chat
     */
    record Reply(List<String> lines, boolean adminOnly) {}

    /** The reply lines (at most three); empty when the line is not a command or the user is being throttled. */
    public Future<List<String>> handle(ChatMessage message) {
        return answer(message).map(Reply::lines);
    }

    /** {@link #handle}, saying whether the answer is for admins only: what a public chat must not show everyone. */
    Future<Reply> answer(ChatMessage message) {
        String text = message.text() == null ? "" : message.text().trim();
        if (!text.startsWith(prefix) || text.length() == prefix.length()) {
            if (!text.isEmpty()) {
                host.chatEvent(origin(message), message.user(), text);
            }
            return Future.succeededFuture(new Reply(List.of(), false));
        }
        List<String> words =
                Arrays.asList(text.substring(prefix.length()).trim().split("\\s+"));
        String name = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        Optional<List<String>> throttled = throttle(message, name);
        if (throttled.isPresent()) {
            return Future.succeededFuture(new Reply(fit(throttled.get()), false));
        }
        if (commands.knows(name)) {
            boolean adminOnly = commands.adminOnly(name) && message.admin();
            return runHostCommand(message, name, args).map(lines -> new Reply(lines, adminOnly));
        }
        if (host.handles(name)) {
            return host.dispatch(new Command(origin(message), message.user(), name, List.copyOf(args), text))
                    .otherwise(e -> List.of(String.valueOf(e.getMessage())))
                    .map(lines -> new Reply(fit(lines), false));
        }
        // The name is the user's own text: fitted like any reply, so a 500-byte name cannot overflow an IRC line.
        return Future.succeededFuture(
                new Reply(fit(List.of("unknown command " + prefix + name + ", try " + prefix + "help")), false));
    }

    /**
     * The newest {@code limit} admin actions older than entry {@code before} (null: the newest), newest first: what
     * {@code GET /api/v1/audit} serves.
     */
    public Future<List<AuditEntry>> audit(int limit, Long before) {
        return audit.newest(limit, before);
    }

    /** Players online on a watched game child, in join order; empty for any other child. */
    public List<String> players(String childId) {
        return roster.online(childId);
    }

    /** The watched game children. */
    public List<String> games() {
        return roster.games();
    }

    /** Players online on {@code childId} and when each came, in join order. */
    public java.util.Map<String, java.time.Instant> onlineSince(String childId) {
        return roster.onlineSince(childId);
    }

    /** The last joins and leaves on {@code childId} since this host started, oldest first. */
    public List<PlayerEvent> playerEvents(String childId) {
        return roster.events(childId);
    }

    /**
     * Starts reading the game's console, before the host starts its services: a player who joins in the game's first
     * second (a fast boot, or a roster the server restores) is otherwise printed before anyone listens, and the
     * roster misses them until they leave. Also installs the Minetest inbox mod before the server loads its mods.
     */
    public Future<Void> listen() {
        if (!config.game().enabled() || connectors.stream().anyMatch(c -> c instanceof GameConnector)) {
            return Future.succeededFuture();
        }
        GameConnector game = new GameConnector(this, config.game());
        connectors.add(game);
        return game.start();
    }

    /** Starts the connectors the configuration enables: console, IRC, and game chat unless {@link #listen} did. */
    public Future<Void> start() {
        List<Connector> started = new ArrayList<>();
        if (config.console()) {
            started.add(new ConsoleConnector(this, System.in, new PrintStream(System.out, true)));
        }
        if (config.irc().enabled()) {
            started.add(new IrcConnector(this, config.irc()));
        }
        Future<Void> game = listen();
        connectors.addAll(started);
        return Future.all(
                        game, Future.all(started.stream().map(Connector::start).toList()))
                .mapEmpty();
    }

    /** Stops every connector; the console thread is left to die with the JVM (a blocked stdin read cannot be undone). */
    public Future<Void> stop() {
        List<Future<Void>> stops = connectors.stream().map(Connector::stop).toList();
        connectors.clear();
        return Future.join(stops).mapEmpty();
    }

    /** Sends lines to every place every connector serves: for alerts that go to chat. */
    public void broadcast(List<String> lines) {
        connectors.forEach(c -> c.deliver(null, fit(lines)));
    }

    /**
     * Sends lines nobody asked for to one origin, as {@link Command#origin()} names it ({@code "irc:#warden"}, {@code
     * "game:game"}, {@code "console"}), or everywhere when {@code origin} is null: where plugin broadcasts and
     * replies to chat events go. An origin no running connector serves is ignored.
     */
    public void deliver(String origin, List<String> lines) {
        if (origin == null) {
            broadcast(lines);
            return;
        }
        int colon = origin.indexOf(':');
        String name = colon < 0 ? origin : origin.substring(0, colon);
        String where = colon < 0 ? null : origin.substring(colon + 1);
        connectors.stream().filter(c -> c.name().equals(name)).forEach(c -> c.deliver(where, fit(lines)));
    }

    Vertx vertx() {
        return vertx;
    }

    Context context() {
        return context;
    }

    Host host() {
        return host;
    }

    PlayerRoster roster() {
        return roster;
    }

    Clock clock() {
        return clock;
    }

    String prefix() {
        return prefix;
    }

    /** The reply when {@code message}'s user is over the rate limit (possibly no lines); empty when it may run. */
    private Optional<List<String>> throttle(ChatMessage message, String name) {
        if (trusted(message)) {
            return Optional.empty();
        }
        // The identity (account, else user@host), not the nick: a nick change must not give a fresh bucket.
        String user = message.connector() + ":" + message.actor().identity();
        return switch (limiter.take(user)) {
            case ALLOW -> Optional.empty();
            case REFUSE_SILENTLY -> Optional.of(List.of());
            case REFUSE_AND_SAY -> {
                if (commands.adminOnly(name)) {
                    audit.record(clock.instant(), message, "refused", "rate limit");
                }
                long seconds = Math.max(1, limiter.wait(user).toSeconds());
                yield Optional.of(List.of("slow down, " + message.user() + ": next command in " + seconds + "s"));
            }
        };
    }

    private Future<List<String>> runHostCommand(ChatMessage message, String name, List<String> args) {
        boolean adminOnly = commands.adminOnly(name);
        if (adminOnly && !message.admin()) {
            audit.record(clock.instant(), message, "refused", "not an admin");
            return Future.succeededFuture(List.of(prefix + name + " is for admins, " + message.user()));
        }
        return commands.run(name, args, who(message)).transform(ar -> {
            List<String> lines = fit(
                    ar.succeeded()
                            ? ar.result()
                            : List.of(String.valueOf(ar.cause().getMessage())));
            if (adminOnly) {
                audit.record(
                        clock.instant(),
                        message,
                        ar.succeeded() ? "ok" : "failed",
                        lines.isEmpty() ? "" : lines.get(0));
            }
            return Future.succeededFuture(lines);
        });
    }

    /** Where a reply to {@code message} goes, in {@link Command#origin()} form. */
    static String origin(ChatMessage message) {
        return message.connector().equals("console") ? "console" : message.connector() + ":" + message.where();
    }

    /** The admin as the alert history names them: {@code irc:alice}, {@code game:bob}, {@code console}. */
    private static String who(ChatMessage message) {
        return message.connector().equals("console") ? "console" : message.connector() + ":" + message.user();
    }

    private static boolean trusted(ChatMessage message) {
        return message.connector().equals("console") || message.connector().equals("http");
    }

    /** At most three lines of at most {@link #MAX_LINE_BYTES} bytes: chat, not a wall of text. */
    static List<String> fit(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (out.size() == MAX_LINES) {
                break;
            }
            String oneLine = String.valueOf(line).replaceAll("[\\r\\n\\x00]+", " ");
            out.add(ChatText.fitBytes(oneLine, MAX_LINE_BYTES));
        }
        return out;
    }
}
