package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.ChatConfig;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;

/**
 * Who is who on IRC, against a real ngircd: identity read from each message after the bot reconnected, one reply queue
 * per user with admins first, rate limits that a nick change does not reset, and no CTCP answers. Users connect from
 * different loopback addresses, so ngircd shows them with different hosts.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class IrcIdentityTest {

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
    void afterAReconnectAnImpostorWithTheAdminsNickIsRefusedAndAuditedInFull(
            Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
        ngircd = new Ngircd(dir);
        db = Database.open(dir);
        FakeHost host = new FakeHost();
        // The account check runs too: ngircd has no services, so its WHOIS vouches for no account and the mask decides.
        ChatConfig config = config(ngircd.port, List.of("alice"), List.of("alice!~alice@127.0.0.2"), 100);

        ngircd.start()
                .compose(v -> startChat(vertx, host, config))
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "127.0.0.2", "alice", "alice", "warden"))
                .compose(alice -> alice.watchedJoined().compose(v -> {
                    alice.say("!restart game");
                    return alice.next(1);
                }))
                .compose(done -> {
                    ctx.verify(() -> assertEquals(List.of("restarted game"), done));
                    // Restarted by its pid: the bot loses its connection and everyone with it.
                    return vertx.executeBlocking(() -> {
                        ngircd.stop();
                        return null;
                    });
                })
                .compose(v -> ngircd.start())
                // Someone in the channel sees the bot back; the impostor stays out of it and only writes privately,
                // so nothing but its own message tells the bot who it is.
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "bob", "warden"))
                .compose(bob -> bob.watchedJoined())
                .compose(v -> RawIrcUser.connectOutsideTheChannel(
                        vertx, ngircd.port, "127.0.0.3", "alice", "mallory", "warden"))
                .compose(impostor -> {
                    impostor.tell("warden", "!restart game");
                    return impostor.next(1);
                })
                .compose(refused -> {
                    ctx.verify(() -> {
                        assertEquals(List.of("!restart is for admins, alice"), refused);
                        assertEquals(List.of("restart game"), host.controls);
                    });
                    return onContext(vertx, () -> chat.audit(1, null));
                })
                .onComplete(ctx.succeeding(entries -> ctx.verify(() -> {
                    AuditEntry e = entries.get(0);
                    assertEquals(new Actor("alice", "~mallory", "127.0.0.3", null), e.actor());
                    assertEquals(
                            List.of("irc", "alice", "!restart game", "refused", "not an admin"),
                            List.of(e.connector(), e.place(), e.command(), e.outcome(), e.detail()));
                    ctx.completeNow();
                })));
    }

    @Test
    void anAdminsAnswerIsNotQueuedBehindAFloodOf25Users(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
            throws Exception {
        ngircd = new Ngircd(dir);
        db = Database.open(dir);
        // 350 ms stays under ngircd's 3 lines a second; the flood is 25 users x 9 lines, over a minute of replies.
        ChatConfig config = config(ngircd.port, List.of(), List.of("boss!~boss@127.0.0.2"), 350);
        List<RawIrcUser> flood = new ArrayList<>();
        long[] asked = new long[1];

        ngircd.start()
                .compose(v -> startChat(vertx, new FakeHost(), config))
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "127.0.0.2", "boss", "boss", "warden"))
                .compose(boss -> boss.watchedJoined()
                        .compose(v -> {
                            List<Future<RawIrcUser>> joins = new ArrayList<>();
                            for (int i = 1; i <= 25; i++) {
                                joins.add(RawIrcUser.connect(vertx, ngircd.port, "u" + i, "warden"));
                            }
                            return Future.all(joins);
                        })
                        .compose(all -> {
                            for (int i = 0; i < 25; i++) {
                                RawIrcUser u = all.resultAt(i);
                                flood.add(u);
                                for (int n = 0; n < 8; n++) {
                                    u.say("!status");
                                }
                            }
                            // The backlog has begun once the first flood reply is on the channel.
                            return boss.next(1);
                        })
                        .compose(first -> {
                            boss.forget();
                            asked[0] = System.nanoTime();
                            boss.say("!metrics dice-roller 5m");
                            return boss.until(line -> line.startsWith("rss 5m"));
                        }))
                .onComplete(ctx.succeeding(heard -> ctx.verify(() -> {
                    long millis = (System.nanoTime() - asked[0]) / 1_000_000;
                    System.out.println(
                            "admin answer after " + millis + " ms, behind " + (heard.size() - 3) + " flood lines");
                    List<String> answer = heard.subList(heard.size() - 3, heard.size());
                    assertEquals(
                            "dice-roller now: cpu 1.2%, rss 40.0 MiB, 15 threads", answer.get(0), heard.toString());
                    // At most the lines already on their way when the admin asked; never the others' backlog.
                    assertTrue(heard.size() - 3 <= 3, heard.toString());
                    ctx.completeNow();
                })));
    }

    @Test
    void aNickChangeKeepsTheRateLimitAndCtcpGetsNoAnswer(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
            throws Exception {
        ngircd = new Ngircd(dir);
        db = Database.open(dir);
        ChatConfig config = config(ngircd.port, List.of(), List.of(), 100);

        ngircd.start()
                .compose(v -> startChat(vertx, new FakeHost(), config))
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "carl", "warden"))
                .compose(carl -> carl.watchedJoined()
                        .compose(v -> {
                            // KICL would answer this itself, ahead of the reply below.
                            carl.tell("warden", "\u0001VERSION\u0001");
                            carl.say("!status");
                            return carl.next(2);
                        })
                        .compose(status -> {
                            ctx.verify(() -> assertEquals(STATUS, status));
                            for (int i = 0; i < 3; i++) {
                                carl.say("!status");
                            }
                            return carl.next(6);
                        })
                        .compose(burst -> {
                            // The burst of 4 is spent and the test clock stands still: a new nick must not help.
                            carl.renameTo("carl2");
                            carl.say("!status");
                            return carl.next(1);
                        }))
                .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
                    assertEquals(List.of("slow down, carl2: next command in 5s"), refused);
                    ctx.completeNow();
                })));
    }

    private static ChatConfig config(int port, List<String> accounts, List<String> masks, long replyMillis) {
        ChatConfig.Irc irc = new ChatConfig.Irc(
                true,
                "127.0.0.1",
                port,
                false,
                null,
                "warden",
                null,
                null,
                null,
                List.of(Ngircd.CHANNEL),
                accounts,
                masks,
                Duration.ofMillis(replyMillis),
                Duration.ofMillis(200),
                Duration.ofSeconds(2));
        return new ChatConfig(false, irc, ChatConfig.Game.DEFAULT, 12, 4, "");
    }

    private Future<Void> startChat(Vertx vertx, FakeHost host, ChatConfig config) {
        Promise<Void> started = Promise.promise();
        vertx.getOrCreateContext().runOnContext(x -> {
            chat = new ChatService(vertx, host, db, config, "!", new TestClock(FakeHost.T0));
            chat.start().onComplete(started);
        });
        return started.future();
    }

    private static <T> Future<T> onContext(Vertx vertx, java.util.function.Supplier<Future<T>> work) {
        Promise<T> p = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> work.get().onComplete(p));
        return p.future();
    }
}
