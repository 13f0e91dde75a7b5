package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.External;
import warden.host.fixtures.InProcessHost;

/**
 * Alerts and IRC through the real host and a real ngircd: a crash loop is announced in the channel by the chat alert
 * channel, an admin lists, acknowledges and silences it with {@code !alerts}, {@code !ack} and {@code !silence}, a
 * guest is refused, and every one of those lands in the audit log.
 */
@External.Needs(path = "/usr/sbin/ngircd", debianPackage = "ngircd")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AlertChatTest {

    private static final String TOKEN = "alert-chat-test-token-0123";

    @TempDir
    Path dir;

    private final Vertx users = Vertx.vertx();
    private final Context ircContext = users.getOrCreateContext();

    @Test
    void adminsHandleAlertsFromIrcAndGuestsAreRefused() throws Exception {
        Path go = dir.resolve("go");
        try (Ngircd ngircd = new Ngircd(Files.createDirectories(dir.resolve("irc")))) {
            on(ngircd::start);
            InProcessHost warden = InProcessHost.start(
                    dir,
                    TOKEN,
                    """
                    http: {port: 0, adminToken: %s}
                    chat:
                      console: false
                      commandBurst: 10
                      irc: {enabled: true, server: 127.0.0.1, port: %d, tls: false, channels: ["#warden"],
                            adminMasks: ["admin!*@*"], replyInterval: 50ms, reconnectMin: 200ms}
                    plugins: {dir: ./plugins, watch: false}
                    alerts:
                      builtin: {crash: false}
                      channels:
                        - {name: irc, type: chat, to: ["irc:#warden"]}
                    services:
                      - id: crasher
                        command: [sh, -c, 'while [ ! -f %s ]; do sleep 0.05; done; echo boom; exit 3']
                        # FAILED retries after maxBackoff: not within this test, so the channel stays quiet after the loop.
                        restart: {backoff: 50ms, maxBackoff: 1h, crashLoopCrashes: 3, crashLoopWindow: 1m}
                    """
                            .formatted(TOKEN, ngircd.port, go));
            try {
                RawIrcUser admin = on(() -> RawIrcUser.connect(users, ngircd.port, "admin", "warden"));
                RawIrcUser guest = on(() -> RawIrcUser.connect(users, ngircd.port, "guest", "warden"));
                on(admin::watchedJoined);
                on(guest::watchedJoined);

                Files.writeString(go, "");
                List<String> announced = ask(admin, null, l -> l.startsWith("boom"));
                String headline = announced.get(announced.size() - 2);
                assertTrue(
                        headline.startsWith("[FIRING critical] crash-loop crasher: crasher is FAILED: crash loop: 3 "
                                + "crashes in "),
                        announced.toString());

                List<String> refused = ask(guest, "!alerts", l -> l.contains("guest"));
                assertEquals("!alerts is for admins, guest", refused.get(refused.size() - 1));

                String listed = last(ask(admin, "!alerts", l -> l.startsWith("#")));
                Matcher m = Pattern.compile(
                                "#(\\d+) crash-loop crasher \\(critical, \\d+s ago\\): crasher is FAILED: .*")
                        .matcher(listed);
                assertTrue(m.matches(), listed);
                String id = m.group(1);

                assertEquals(
                        "acknowledged #" + id + " crash-loop crasher: no more repeats",
                        last(ask(admin, "!ack " + id, l -> l.startsWith("acknowledged"))));
                assertEquals(
                        "no open alert 999; !alerts lists them",
                        last(ask(admin, "!ack 999", l -> l.startsWith("no open alert"))));
                String silenced = last(ask(admin, "!silence crasher 2h deploying", l -> l.startsWith("silenced")));
                assertTrue(
                        silenced.matches("silenced child:crasher for 2h, until \\d\\d:\\d\\d UTC \\(silence 1\\)"),
                        silenced);
                assertEquals(
                        "usage: !silence <rule|child> <duration like 30m or 2h> [reason]",
                        last(ask(admin, "!silence crasher soon", l -> l.startsWith("usage"))));

                JsonObject silence =
                        warden.json("/alerts/silences").getJsonArray("silences").getJsonObject(0);
                assertEquals("child:crasher", silence.getString("matcher"));
                assertEquals("irc:admin", silence.getString("who"));
                assertEquals("deploying", silence.getString("reason"));
                JsonObject alert = warden.json("/alerts").getJsonArray("alerts").getJsonObject(0);
                assertEquals("irc:admin", alert.getString("acknowledgedBy"));

                JsonArray audit = warden.json("/audit?limit=10").getJsonArray("entries");
                List<String> actions = audit.stream()
                        .map(e -> (JsonObject) e)
                        .map(e -> e.getJsonObject("actor").getString("nick") + " " + e.getString("command") + " "
                                + e.getString("outcome"))
                        .toList();
                assertEquals(
                        List.of(
                                "admin !silence crasher soon failed",
                                "admin !silence crasher 2h deploying ok",
                                "admin !ack 999 failed",
                                "admin !ack " + id + " ok",
                                "admin !alerts ok",
                                "guest !alerts refused"),
                        actions);
            } finally {
                warden.close();
                users.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Says {@code line} (unless null) and returns what the bot says up to the first line {@code last} accepts. */
    private List<String> ask(RawIrcUser user, String line, Predicate<String> last) throws Exception {
        return on(() -> {
            Future<List<String>> heard = user.until(last);
            if (line != null) {
                user.say(line);
            }
            return heard;
        });
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    /** Runs {@code work} on the IRC users' context, where their sockets live, and waits for it. */
    private <T> T on(Supplier<Future<T>> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        ircContext.runOnContext(v -> work.get().onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete(ar.result());
            } else {
                done.completeExceptionally(ar.cause());
            }
        }));
        return done.get(30, TimeUnit.SECONDS);
    }
}
