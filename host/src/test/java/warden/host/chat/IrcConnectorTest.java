package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.ChatConfig;
import warden.host.fixtures.External;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;

/** The IRC connector against a real ngircd: answers, refusals, and coming back after the server restarts. */
@External.Needs(path = "/usr/sbin/ngircd", debianPackage = "ngircd")
@External.Needs(path = "/usr/bin/openssl", debianPackage = "openssl")
@ExtendWith(VertxExtension.class)
@Timeout(value = 25, timeUnit = TimeUnit.SECONDS)
class IrcConnectorTest {

    private static final List<String> STATUS = List.of(
            "3 children: 2 running, 1 not running · host up 2h 03m · 512.0 MiB RSS · 1234 events",
            "not running: eightball CRASHED 2m 05s ago");

    private Ngircd ngircd;
    private Database db;
    private ChatService chat;

    @AfterEach
    void tearDown(Vertx vertx) throws Exception {
        if (chat != null) {
            ChatService c = chat;
            Promise<Void> stopped = Promise.promise();
            vertx.getOrCreateContext().runOnContext(v -> c.stop().onComplete(stopped));
            stopped.future().await(10, TimeUnit.SECONDS);
        }
        if (ngircd != null) {
            ngircd.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void adminGetsAnswersGuestIsRefusedAndTheBotComesBackAfterARestart(
            Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
        ngircd = new Ngircd(dir);
        db = Database.open(dir);
        ChatConfig config = config(ngircd.port, false, null, null, 300);
        FakeHost host = new FakeHost();

        ngircd.start()
                .compose(v -> startChat(vertx, host, config))
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "admin", "warden"))
                .compose(admin -> admin.watchedJoined()
                        .compose(v -> {
                            admin.say("!status");
                            return admin.next(2);
                        })
                        .compose(status -> {
                            ctx.verify(() -> assertEquals(STATUS, status));
                            admin.say("!metrics dice-roller 5m");
                            return admin.next(3);
                        })
                        .compose(metrics -> {
                            ctx.verify(() -> assertEquals(
                                    List.of(
                                            "dice-roller now: cpu 1.2%, rss 40.0 MiB, 15 threads",
                                            "cpu 5m: avg 1.0% min 0.2% max 3.1% p95 2.8% (60 samples)",
                                            "rss 5m: avg 40.0 MiB min 39.0 MiB max 41.5 MiB p95 41.0 MiB (60 samples)"),
                                    metrics));
                            return RawIrcUser.connect(vertx, ngircd.port, "guest", "warden");
                        }))
                .compose(guest -> guest.watchedJoined().compose(v -> {
                    guest.say("!restart game");
                    return guest.next(1);
                }))
                .compose(refused -> {
                    ctx.verify(() -> {
                        assertEquals(List.of("!restart is for admins, guest"), refused);
                        assertEquals(List.of(), host.controls);
                    });
                    return vertx.executeBlocking(() -> {
                        ngircd.stop();
                        return null;
                    });
                })
                .compose(v -> ngircd.start())
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "admin", "warden"))
                .compose(admin -> admin.watchedJoined().compose(v -> {
                    admin.say("!status");
                    return admin.next(2);
                }))
                .onComplete(ctx.succeeding(status -> ctx.verify(() -> {
                    assertEquals(STATUS, status);
                    ctx.completeNow();
                })));
    }

    @Test
    void identifiesToNickServWithItsPassword(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
        // ngircd has no services: a plain user takes the name NickServ and reads what the bot sends it.
        ngircd = new Ngircd(dir);
        db = Database.open(dir);
        ChatConfig config = config(ngircd.port, false, null, "s3cret", 100);
        ngircd.start()
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "NickServ", "warden"))
                .compose(nickServ -> startChat(vertx, new FakeHost(), config).compose(v -> nickServ.next(1)))
                .onComplete(ctx.succeeding(said -> ctx.verify(() -> {
                    assertEquals(List.of("IDENTIFY warden s3cret"), said);
                    ctx.completeNow();
                })));
    }

    @Test
    void connectsOverTlsTrustingTheServersOwnCertificate(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
            throws Exception {
        ngircd = new Ngircd(dir, true);
        db = Database.open(dir);
        // Only the TLS port is given to the bot; the admin talks to it over the plain port.
        ChatConfig config = config(ngircd.tlsPort, true, ngircd.certificate, null, 100);
        ngircd.start()
                .compose(v -> startChat(vertx, new FakeHost(), config))
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "admin", "warden"))
                .compose(admin -> admin.watchedJoined().compose(v -> {
                    admin.say("!status");
                    return admin.next(2);
                }))
                .onComplete(ctx.succeeding(status -> ctx.verify(() -> {
                    assertEquals(STATUS, status);
                    ctx.completeNow();
                })));
    }

    @Test
    void masksAreCaseInsensitiveGlobsAndAccountsWin() {
        IrcAdmins admins = new IrcAdmins(List.of("Alice"), List.of("op?!*@*.example.org"));
        assertEquals(true, admins.isAdmin("OP1!~op@host.EXAMPLE.org", java.util.Optional.empty()));
        assertEquals(false, admins.isAdmin("op12!~op@host.example.org", java.util.Optional.empty()));
        assertEquals(false, admins.isAdmin("op1!~op@example.org.evil", java.util.Optional.empty()));
        assertEquals(true, admins.isAdmin("anyone!x@y", java.util.Optional.of("alice")));
        assertEquals(false, admins.isAdmin("anyone!x@y", java.util.Optional.of("bob")));
    }

    /** The bot "warden" in the test channel; admin!*@* is an admin unless the bot identifies to NickServ instead. */
    private static ChatConfig config(
            int port, boolean tls, Path certificate, String nickServPassword, long replyMillis) {
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
                List.of(),
                nickServPassword == null ? List.of("admin!*@*") : List.of(),
                Duration.ofMillis(replyMillis),
                Duration.ofMillis(200),
                Duration.ofSeconds(2));
        return new ChatConfig(false, irc, ChatConfig.Game.DEFAULT, 12, 4, "");
    }

    /** Creates and starts the chat service on a context of its own, as the host does. */
    private Future<Void> startChat(Vertx vertx, FakeHost host, ChatConfig config) {
        Promise<Void> started = Promise.promise();
        vertx.getOrCreateContext().runOnContext(x -> {
            chat = new ChatService(vertx, host, db, config, "!", new TestClock(FakeHost.T0));
            chat.start().onComplete(started);
        });
        return started.future();
    }
}
