package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.ChatConfig;
import warden.host.fixtures.External;

/**
 * Who is who on IRC, against a real ngircd: identity read from each message after the bot reconnected, one reply queue
 * per user with admins first, rate limits that a nick change does not reset, and no CTCP answers. Users connect from
 * different loopback addresses, so ngircd shows them with different hosts.
 */
@External.Needs(path = "ngircd", debianPackage = "ngircd")
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class IrcIdentityTest {

    private IrcFixture irc;

    @AfterEach
    void tearDown(Vertx vertx) throws Exception {
        if (irc != null) {
            irc.close(vertx);
        }
    }

    @Test
    void afterAReconnectAnImpostorWithTheAdminsNickIsRefusedAndAuditedInFull(
            Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
        irc = new IrcFixture(dir, false);
        Ngircd ngircd = irc.ngircd;
        FakeHost host = new FakeHost();
        // The account check runs too: ngircd has no services, so its WHOIS vouches for no account and the mask decides.
        ChatConfig config = IrcFixture.config(
                ngircd.port, false, null, null, List.of("alice"), List.of("alice!~alice@127.0.0.2"), 100);

        ngircd.start()
                .compose(v -> irc.startChat(vertx, host, config))
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
                    return IrcFixture.onContext(vertx, () -> irc.chat.audit(1, null));
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
        irc = new IrcFixture(dir, false);
        Ngircd ngircd = irc.ngircd;
        // 350 ms stays under ngircd's 3 lines a second; the flood is 25 users x 9 lines, over a minute of replies.
        ChatConfig config =
                IrcFixture.config(ngircd.port, false, null, null, List.of(), List.of("boss!~boss@127.0.0.2"), 350);
        List<RawIrcUser> flood = new ArrayList<>();
        long[] asked = new long[1];

        ngircd.start()
                .compose(v -> irc.startChat(vertx, new FakeHost(), config))
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
        irc = new IrcFixture(dir, false);
        Ngircd ngircd = irc.ngircd;
        ChatConfig config = IrcFixture.config(ngircd.port, false, null, null, List.of(), List.of(), 100);

        ngircd.start()
                .compose(v -> irc.startChat(vertx, new FakeHost(), config))
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "carl", "warden"))
                .compose(carl -> carl.watchedJoined()
                        .compose(v -> {
                            // KICL would answer this itself, ahead of the reply below.
                            carl.tell("warden", "\u0001VERSION\u0001");
                            carl.say("!status");
                            return carl.next(2);
                        })
                        .compose(status -> {
                            ctx.verify(() -> assertEquals(IrcFixture.STATUS, status));
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
}
