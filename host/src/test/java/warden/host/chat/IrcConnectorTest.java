package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.ChatConfig;
import warden.host.fixtures.External;
import warden.host.metrics.Aggregates;
import warden.host.metrics.Sample;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;

/**
 * The IRC connector against a real ngircd: answers (in binary units, one in the singular), refusals, and coming back
 * after the server restarts.
 */
@External.Needs(path = "ngircd", debianPackage = "ngircd")
@External.Needs(path = "openssl", debianPackage = "openssl")
@ExtendWith(VertxExtension.class)
@Timeout(value = 25, timeUnit = TimeUnit.SECONDS)
class IrcConnectorTest {

    private IrcFixture irc;

    @AfterEach
    void tearDown(Vertx vertx) throws Exception {
        if (irc != null) {
            irc.close(vertx);
        }
    }

    @Test
    void adminGetsAnswersGuestIsRefusedAndTheBotComesBackAfterARestart(
            Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
        irc = new IrcFixture(dir, false);
        Ngircd ngircd = irc.ngircd;
        ChatConfig config = IrcFixture.config(ngircd.port, false, null, null, List.of(), List.of("admin!*@*"), 300);
        FakeHost host = new FakeHost();

        ngircd.start()
                .compose(v -> irc.startChat(vertx, host, config))
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "admin", "warden"))
                .compose(admin -> admin.watchedJoined()
                        .compose(v -> {
                            admin.say("!status");
                            return admin.next(2);
                        })
                        .compose(status -> {
                            ctx.verify(() -> assertEquals(IrcFixture.STATUS, status));
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
                    assertEquals(IrcFixture.STATUS, status);
                    ctx.completeNow();
                })));
    }

    @Test
    void countsOneInTheSingularAndBytesInBinaryUnits(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
            throws Exception {
        irc = new IrcFixture(dir, false);
        Ngircd ngircd = irc.ngircd;
        ChatConfig config = IrcFixture.config(ngircd.port, false, null, null, List.of(), List.of("admin!*@*"), 100);
        FakeHost host = new FakeHost();
        host.children.put("eightball", FakeHost.status("eightball", ChildKind.PLUGIN, ChildState.CRASHED, 1));
        host.latest.put(
                "game", new Sample("game", FakeHost.T0, Map.of("cpu", 34.0, "rssBytes", 512.0 * 1024, "players", 1.0)));
        host.aggregates.put(
                "game/cpu", new Aggregates("game", "cpu", 1, Duration.ofMinutes(5), 34, 34, 34, 34, 34, 34));
        ngircd.start()
                .compose(v -> irc.startChat(vertx, host, config))
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "admin", "warden"))
                .compose(admin -> admin.watchedJoined()
                        .compose(v -> {
                            admin.say("!metrics game 5m");
                            return admin.next(3);
                        })
                        .compose(metrics -> {
                            ctx.verify(() -> assertEquals(
                                    List.of(
                                            "game now: cpu 34.0%, rss 512 KiB, 1 player",
                                            "cpu 5m: avg 34.0% min 34.0% max 34.0% p95 34.0% (1 sample)",
                                            "rss 5m: no samples"),
                                    metrics));
                            admin.say("!crashes eightball");
                            return admin.next(2);
                        }))
                .onComplete(ctx.succeeding(crashes -> ctx.verify(() -> {
                    assertEquals("1 crash since the host started; all of them: see the dashboard", crashes.get(1));
                    ctx.completeNow();
                })));
    }

    @Test
    void identifiesToNickServWithItsPassword(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
        // ngircd has no services: a plain user takes the name NickServ and reads what the bot sends it.
        irc = new IrcFixture(dir, false);
        Ngircd ngircd = irc.ngircd;
        ChatConfig config = IrcFixture.config(ngircd.port, false, null, "s3cret", List.of(), List.of(), 100);
        ngircd.start()
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "NickServ", "warden"))
                .compose(
                        nickServ -> irc.startChat(vertx, new FakeHost(), config).compose(v -> nickServ.next(1)))
                .onComplete(ctx.succeeding(said -> ctx.verify(() -> {
                    assertEquals(List.of("IDENTIFY warden s3cret"), said);
                    ctx.completeNow();
                })));
    }

    @Test
    void connectsOverTlsTrustingTheServersOwnCertificate(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
            throws Exception {
        irc = new IrcFixture(dir, true);
        Ngircd ngircd = irc.ngircd;
        // Only the TLS port is given to the bot; the admin talks to it over the plain port.
        ChatConfig config =
                IrcFixture.config(ngircd.tlsPort, true, ngircd.certificate, null, List.of(), List.of("admin!*@*"), 100);
        ngircd.start()
                .compose(v -> irc.startChat(vertx, new FakeHost(), config))
                .compose(v -> RawIrcUser.connect(vertx, ngircd.port, "admin", "warden"))
                .compose(admin -> admin.watchedJoined().compose(v -> {
                    admin.say("!status");
                    return admin.next(2);
                }))
                .onComplete(ctx.succeeding(status -> ctx.verify(() -> {
                    assertEquals(IrcFixture.STATUS, status);
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
}
