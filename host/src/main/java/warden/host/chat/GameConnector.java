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
import warden.host.Addresses;
import warden.host.config.ChatConfig;

/**
 * The game server's own chat. Reads the child's output from {@link Addresses#CHILD_OUTPUT}: chat lines become
 * commands, joins and leaves update the {@link PlayerRoster}. Admins are the configured player names.
 *
 * <p>Replies are broadcast to the server, one line per {@code replyInterval}: {@code /announce <text>} on Vintage
 * Story's console; on Minetest, which reads no stdin, a line in the bridge mod's inbox ({@link MinetestInbox}). When
 * the server exits ({@link Addresses#CHILD_STATE}) everyone is marked gone and unsent replies are dropped.
 *
 * <p>Lives on the host context: both consumers are registered there.
 */
final class GameConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(GameConnector.class);

    private static final Set<String> GONE = Set.of("STOPPED", "CRASHED", "BACKOFF", "FAILED");

    private final ChatService chat;
    private final ChatConfig.Game config;
    private final GameLog log;
    private final PacedLines replies;
    private final MinetestInbox inbox;
    // Vintage Story connection id -> player, so a disconnect counts as a leave on servers with a translated leave line.
    private final Map<String, String> clients = new HashMap<>();
    private MessageConsumer<JsonObject> output;
    private MessageConsumer<JsonObject> state;

    GameConnector(ChatService chat, ChatConfig.Game config) {
        this.chat = chat;
        this.config = config;
        this.log = GameLog.of(config);
        boolean minetest = config.dialect().equalsIgnoreCase("minetest");
        this.inbox = minetest && config.world() != null ? new MinetestInbox(chat.vertx(), config.world()) : null;
        this.replies = new PacedLines(chat.vertx(), config.replyInterval(), minetest ? this::toInbox : this::announce);
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
        lines.forEach(replies::add);
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
            boolean admin = config.admins().stream().anyMatch(a -> a.equalsIgnoreCase(c.player()));
            chat.handle(new ChatMessage("game", game, c.player(), admin, c.message()))
                    .onSuccess(lines -> lines.forEach(replies::add));
        }
    }

    private void announce(String line) {
        if (!chat.host().send(config.childId(), "/announce " + line)) {
            LOG.debug("game {} is not running; reply dropped: {}", config.childId(), line);
        }
    }

    private void toInbox(String line) {
        if (inbox == null) {
            LOG.warn("chat.game.world is not set: Minetest replies need the bridge mod's inbox; dropped: {}", line);
            return;
        }
        inbox.append(line);
    }
}
