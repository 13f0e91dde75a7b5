package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.bus.Addresses;
import warden.host.config.ChatConfig;

/**
 * The game server's own chat. Reads the child's output from {@link Addresses#CHILD_OUTPUT}: chat lines become
 * commands, joins and leaves update the {@link PlayerRoster}. Admins are the configured player names.
 *
 * <p>Replies are broadcast to the server, one line per {@code replyInterval}, fairly across the players who asked
 * ({@link FairLines}): {@code /announce <text>} on Vintage Story's console, escaped for its markup; on Minetest, which
 * reads no stdin, a line in the bridge mod's inbox ({@link MinetestInbox}). Answers to admin-only commands stay with
 * the admin: Minetest's bridge sends them to that player alone; Vintage Story's console has no way to address one
 * player, so there they are not sent at all and the admin is pointed to the dashboard or IRC instead. What Warden
 * wrote is remembered ({@link Echoes}) so that the server's echo of it never counts as a join, leave or chat. When the
 * server exits ({@link Addresses#CHILD_STATE}) everyone is marked gone and unsent replies are dropped.
 *
 * <p>Admin names match exactly, case included: neither game folds the case of player names for us.
 *
 * <p>Lives on the host context: both consumers are registered there.
 */
final class GameConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(GameConnector.class);

    private static final Set<String> GONE = Set.of("STOPPED", "CRASHED", "BACKOFF", "FAILED");

    private final ChatService chat;
    private final ChatConfig.Game config;
    private final GameLog log;
    private final FairLines replies;
    private final Echoes echoes;
    private final MinetestInbox inbox;
    private final boolean minetest;
    // Vintage Story connection id -> player, so a disconnect counts as a leave on servers with a translated leave line.
    private final Map<String, String> clients = new HashMap<>();
    private MessageConsumer<JsonObject> output;
    private MessageConsumer<JsonObject> state;

    GameConnector(ChatService chat, ChatConfig.Game config) {
        this.chat = chat;
        this.config = config;
        this.echoes = new Echoes(chat.clock());
        this.log = GameLog.of(config).ignoring(echoes);
        this.minetest = config.dialect().equalsIgnoreCase("minetest");
        this.inbox = minetest && config.world() != null ? new MinetestInbox(chat.vertx(), config.world()) : null;
        this.replies = new FairLines(chat.vertx(), config.replyInterval(), minetest ? this::toInbox : this::announce);
    }

    @Override
    public String name() {
        return "game";
    }

    @Override
    public Future<Void> start() {
        var bus = chat.vertx().eventBus();
        output = bus.consumer(Addresses.CHILD_OUTPUT, msg -> {
            if (config.childId().equals(msg.body().getString("id"))) {
                JsonArray lines = msg.body().getJsonArray("lines", new JsonArray());
                for (int i = 0; i < lines.size(); i++) {
                    read(lines.getJsonObject(i).getString("text", ""));
                }
            }
        });
        state = bus.consumer(Addresses.CHILD_STATE, msg -> {
            if (config.childId().equals(msg.body().getString("id"))
                    && GONE.contains(msg.body().getString("state"))) {
                replies.clear();
                clients.clear();
                chat.roster()
                        .reset(
                                config.childId(),
                                "server " + msg.body().getString("state").toLowerCase());
            }
        });
        Future<Void> registered =
                Future.all(output.completion(), state.completion()).mapEmpty();
        return inbox == null ? registered : registered.compose(v -> inbox.installMod());
    }

    @Override
    public Future<Void> stop() {
        replies.clear();
        return Future.join(
                        output == null ? Future.succeededFuture() : output.unregister(),
                        state == null ? Future.succeededFuture() : state.unregister())
                .mapEmpty();
    }

    @Override
    public void deliver(String where, List<String> lines) {
        lines.forEach(line -> replies.add("warden", false, MinetestInbox.EVERYONE, line));
    }

    void read(String line) {
        GameLog.Event event = log.parse(line).orElse(null);
        PlayerRoster roster = chat.roster();
        String game = config.childId();
        if (event instanceof GameLog.Join j) {
            roster.join(game, j.player());
        } else if (event instanceof GameLog.Leave l) {
            roster.leave(game, l.player(), l.reason());
        } else if (event instanceof GameLog.Online o) {
            roster.replace(game, o.players());
        } else if (event instanceof GameLog.Identified i) {
            clients.put(i.clientId(), i.player());
        } else if (event instanceof GameLog.Disconnected d) {
            String player = clients.remove(d.clientId());
            if (player != null) {
                roster.leave(game, player, "disconnected");
            }
        } else if (event instanceof GameLog.Chat c) {
            boolean admin = config.admins().contains(c.player());
            chat.answer(new ChatMessage("game", game, c.player(), admin, c.message()))
                    .onSuccess(reply -> answer(c.player(), admin, reply));
        }
    }

    private void answer(String player, boolean admin, ChatService.Reply reply) {
        if (!reply.adminOnly()) {
            reply.lines().forEach(line -> replies.add(player, admin, MinetestInbox.EVERYONE, line));
        } else if (minetest) {
            reply.lines().forEach(line -> replies.add(player, admin, player, line));
        } else if (!reply.lines().isEmpty()) {
            replies.add(
                    player,
                    admin,
                    MinetestInbox.EVERYONE,
                    player + ": admin answers are not shown in game chat; " + "run it on the dashboard or on IRC");
        }
    }

    /** Vintage Story: one announcement to everyone ({@code target} is always {@link MinetestInbox#EVERYONE}). */
    private void announce(String target, String line) {
        String text = ChatText.vtml(line);
        echoes.remember(text);
        if (!chat.host().send(config.childId(), "/announce " + text)) {
            LOG.debug("game {} is not running; reply dropped: {}", config.childId(), line);
        }
    }

    private void toInbox(String target, String line) {
        if (inbox == null) {
            LOG.warn("chat.game.world is not set: Minetest replies need the bridge mod's inbox; dropped: {}", line);
            return;
        }
        echoes.remember(line);
        inbox.append(target, line);
    }
}
