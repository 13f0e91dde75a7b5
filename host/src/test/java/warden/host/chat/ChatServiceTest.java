package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.config.ChatConfig;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ChatServiceTest {

    private final FakeHost host = new FakeHost();
    private final TestClock clock = new TestClock(FakeHost.T0);
    private Database db;
    private ChatService chat;

    @BeforeEach
    void setUp(Vertx vertx, @TempDir Path dir, VertxTestContext ctx) throws Exception {
        db = Database.open(dir);
        ChatConfig config = new ChatConfig(
                false,
                ChatConfig.Irc.DEFAULT,
                new ChatConfig.Game(true, "game", "vintagestory", null, null, null, List.of(), null, null),
                12,
                4,
                "");
        vertx.getOrCreateContext().runOnContext(v -> {
            chat = new ChatService(vertx, host, db, config, "!", clock);
            ctx.completeNow();
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Future<List<String>> ask(Vertx vertx, String connector, String user, boolean admin, String text) {
        Promise<List<String>> p = Promise.promise();
        vertx.getOrCreateContext()
                .runOnContext(v -> chat.handle(new ChatMessage(connector, "#warden", user, admin, text))
                        .onComplete(p));
        return p.future();
    }

    @Test
    void statusAndMetricsAnswerWithUnits(Vertx vertx, VertxTestContext ctx) {
        ask(vertx, "irc", "alice", true, "!status")
                .compose(status -> {
                    ctx.verify(() -> assertEquals(
                            List.of(
                                    "3 children: 2 running, 1 not running · host up 2h 03m · 512.0 MiB RSS · 1234"
                                            + " events",
                                    "not running: eightball CRASHED 2m 05s ago"),
                            status));
                    return ask(vertx, "irc", "alice", true, "!metrics dice-roller 5m");
                })
                .onComplete(ctx.succeeding(metrics -> ctx.verify(() -> {
                    assertEquals(
                            List.of(
                                    "dice-roller now: cpu 1.2%, rss 40.0 MiB, 15 threads",
                                    "cpu 5m: avg 1.0% min 0.2% max 3.1% p95 2.8% (60 samples)",
                                    "rss 5m: avg 40.0 MiB min 39.0 MiB max 41.5 MiB p95 41.0 MiB (60 samples)"),
                            metrics);
                    ctx.completeNow();
                })));
    }

    @Test
    void topCrashesPlayersAndHelp(Vertx vertx, VertxTestContext ctx) {
        List<List<String>> replies = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (String line : List.of(
                "!top", "!top mem", "!top events", "!crashes eightball", "!players", "!help", "!metrics nosuch")) {
            chain = chain.compose(
                    v -> ask(vertx, "console", "console", true, line).map(r -> {
                        replies.add(r);
                        return null;
                    }));
        }
        chain.onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertEquals(List.of("top cpu: game 34.0%, dice-roller 1.2%"), replies.get(0));
            assertEquals(List.of("top mem: game 1.50 GiB, dice-roller 40.0 MiB"), replies.get(1));
            assertEquals(List.of("top events (delivered since start): dice-roller 120, eightball 4"), replies.get(2));
            assertEquals(
                    List.of(
                            "eightball crashed 3m 00s ago: exit 137 (SIGKILL) after 5m 02s up, unresponsive; restart"
                                    + " in 4s",
                            "2 crashes since the host started; all of them: see the dashboard"),
                    replies.get(3));
            assertEquals(List.of("game: nobody online"), replies.get(4));
            assertEquals("plugins: !roll !8ball", replies.get(5).get(1));
            assertEquals(List.of("no child named nosuch; try !status"), replies.get(6));
            ctx.completeNow();
        })));
    }

    @Test
    void nonAdminIsRefusedAndEveryAdminActionIsAudited(Vertx vertx, VertxTestContext ctx) {
        List<JsonObject> published = new ArrayList<>();
        Checkpoint allPublished = ctx.checkpoint();
        Checkpoint allRead = ctx.checkpoint();
        vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT, m -> {
            published.add(m.body());
            if (published.size() == 3) {
                ctx.verify(() -> {
                    assertEquals(
                            List.of("bob", "alice", "alice"),
                            published.stream()
                                    .map(j -> j.getJsonObject("actor").getString("nick"))
                                    .toList());
                    assertEquals("refused", published.get(0).getString("outcome"));
                    assertEquals("not an admin", published.get(0).getString("detail"));
                });
                allPublished.flag();
            }
        });
        ask(vertx, "irc", "bob", false, "!restart game")
                .compose(refused -> {
                    ctx.verify(() -> assertEquals(List.of("!restart is for admins, bob"), refused));
                    return ask(vertx, "irc", "bob", false, "!status");
                })
                .compose(open -> {
                    ctx.verify(() -> assertEquals(2, open.size()));
                    return ask(vertx, "irc", "alice", true, "!restart game");
                })
                .compose(done -> {
                    ctx.verify(() -> {
                        assertEquals(List.of("restarted game"), done);
                        assertEquals(List.of("restart game"), host.controls);
                    });
                    return ask(vertx, "game", "alice", true, "!reload dice-roller");
                })
                .compose(reloaded -> {
                    ctx.verify(() -> assertEquals(List.of("reloaded dice-roller 1.0 -> 1.1 in 350 ms"), reloaded));
                    return chat.audit(10, null);
                })
                .onComplete(ctx.succeeding(entries -> ctx.verify(() -> {
                    assertEquals(
                            List.of(
                                    "alice game !reload dice-roller ok: reloaded dice-roller 1.0 -> 1.1 in 350 ms",
                                    "alice irc !restart game ok: restarted game",
                                    "bob irc !restart game refused: not an admin"),
                            entries.stream()
                                    .map(e -> e.actor().nick() + " " + e.connector() + " " + e.command() + " "
                                            + e.outcome() + ": " + e.detail())
                                    .toList());
                    assertEquals(FakeHost.T0, entries.get(0).at());
                    allRead.flag();
                })));
    }

    @Test
    void everyReplyFitsAnIrcLineInBytes(Vertx vertx, VertxTestContext ctx) {
        // 300 two-byte letters: 300 characters but 600 bytes, past IRC's 512 once the prefix is added.
        String name = "é".repeat(300);
        ask(vertx, "irc", "carol", false, "!" + name)
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertEquals(1, reply.size());
                    byte[] bytes = reply.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    assertTrue(bytes.length <= ChatService.MAX_LINE_BYTES, bytes.length + " bytes");
                    assertTrue(
                            reply.get(0).startsWith("unknown command !éé")
                                    && reply.get(0).endsWith("..."),
                            reply.get(0));
                    ctx.completeNow();
                })));
    }

    @Test
    void fittingNeverSplitsACharacter() {
        String emoji = "\uD83D\uDE00".repeat(200);
        String cut = ChatText.fitBytes(emoji, 400);
        assertTrue(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 400);
        assertEquals(emoji.substring(0, 2 * 99) + "...", cut);
        assertEquals("short", ChatText.fitBytes("short", 400));
    }

    @Test
    void pluginCommandsAreRoutedAndUnknownOnesExplained(Vertx vertx, VertxTestContext ctx) {
        ask(vertx, "irc", "carol", false, "!roll 2d6")
                .compose(rolled -> {
                    ctx.verify(() -> {
                        assertEquals(List.of("carol rolled 7"), rolled);
                        assertEquals("irc:#warden", host.dispatched.get(0).origin());
                        assertEquals(List.of("2d6"), host.dispatched.get(0).args());
                    });
                    return ask(vertx, "irc", "carol", false, "!nope");
                })
                .compose(unknown -> {
                    ctx.verify(() -> assertEquals(List.of("unknown command !nope, try !help"), unknown));
                    return ask(vertx, "irc", "carol", false, "just chatting");
                })
                .onComplete(ctx.succeeding(plain -> ctx.verify(() -> {
                    assertEquals(List.of(), plain);
                    ctx.completeNow();
                })));
    }

    @Test
    void rateLimitSaysSoOnceThenRefillsWithTheClock(Vertx vertx, VertxTestContext ctx) {
        List<List<String>> replies = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < 6; i++) {
            chain = chain.compose(
                    v -> ask(vertx, "irc", "dave", false, "!players").map(r -> {
                        replies.add(r);
                        return null;
                    }));
        }
        chain.compose(v -> {
                    clock.advance(Duration.ofSeconds(5));
                    return ask(vertx, "irc", "dave", false, "!players");
                })
                .compose(afterRefill -> {
                    ctx.verify(() -> {
                        for (int i = 0; i < 4; i++) {
                            assertEquals(List.of("game: nobody online"), replies.get(i));
                        }
                        assertEquals(List.of("slow down, dave: next command in 5s"), replies.get(4));
                        assertEquals(List.of(), replies.get(5));
                        assertEquals(List.of("game: nobody online"), afterRefill);
                    });
                    // The console is not limited.
                    Future<Void> console = Future.succeededFuture();
                    for (int i = 0; i < 10; i++) {
                        console = console.compose(x -> ask(vertx, "console", "console", true, "!players")
                                .map(r -> {
                                    ctx.verify(() -> assertEquals(1, r.size()));
                                    return null;
                                }));
                    }
                    return console;
                })
                .onComplete(ctx.succeedingThenComplete());
    }
}
