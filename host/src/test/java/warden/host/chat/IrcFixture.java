package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import warden.host.config.ChatConfig;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;

/**
 * What the IRC tests share: a real ngircd, the database, and the chat service over a {@link FakeHost} as the bot
 * "warden" in {@link Ngircd#CHANNEL}. One per test; {@link #close} stops the service before the server.
 */
final class IrcFixture {

    /** What {@code !status} answers over the {@link FakeHost}. */
    static final List<String> STATUS = List.of(
            "3 children: 2 running, 1 not running · host up 2h3m · 512.0 MiB RSS · 1234 events",
            "not running: eightball CRASHED 2m5s ago");

    Ngircd ngircd;
    Database db;
    ChatService chat;

    /** Starts nothing yet: {@code ngircd.start()} does. */
    IrcFixture(Path dir, boolean tls) throws Exception {
        ngircd = new Ngircd(dir, tls);
        db = Database.open(dir);
    }

    /** The bot's IRC settings: admins by account name or by mask, a reply every {@code replyMillis}. */
    static ChatConfig config(
            int port,
            boolean tls,
            Path certificate,
            String nickServPassword,
            List<String> accounts,
            List<String> masks,
            long replyMillis) {
        ChatConfig.Irc irc = new ChatConfig.Irc(
                true,
                "127.0.0.1",
                port,
                tls,
                certificate,
                "warden",
                null,
                null,
                nickServPassword,
                List.of(Ngircd.CHANNEL),
                accounts,
                masks,
                Duration.ofMillis(replyMillis),
                Duration.ofMillis(200),
                Duration.ofSeconds(2));
        return new ChatConfig(false, irc, ChatConfig.Game.DEFAULT, 12, 4, "");
    }

    /** Creates and starts the chat service on a context of its own, as the host does. */
    Future<Void> startChat(Vertx vertx, FakeHost host, ChatConfig config) {
        Promise<Void> started = Promise.promise();
        vertx.getOrCreateContext().runOnContext(x -> {
            chat = new ChatService(vertx, host, db, config, "!", new TestClock(FakeHost.T0));
            chat.start().onComplete(started);
        });
        return started.future();
    }

    /** {@code work} on a context, where the chat service may be called. */
    static <T> Future<T> onContext(Vertx vertx, Supplier<Future<T>> work) {
        Promise<T> p = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> work.get().onComplete(p));
        return p.future();
    }

    void close(Vertx vertx) throws Exception {
        if (chat != null) {
            ChatService c = chat;
            onContext(vertx, c::stop).await(10, TimeUnit.SECONDS);
        }
        ngircd.close();
        db.close();
    }
}
