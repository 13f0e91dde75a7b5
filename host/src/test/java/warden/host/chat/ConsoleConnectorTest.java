package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.ChatConfig;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ConsoleConnectorTest {

    /** Collects printed lines and tells the test when {@code expected} have arrived. */
    private static final class Lines extends OutputStream {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private final int expected;
        private final Runnable done;

        Lines(int expected, Runnable done) {
            this.expected = expected;
            this.done = done;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(current.toString());
                current.setLength(0);
                if (lines.size() == expected) {
                    done.run();
                }
            } else {
                current.append((char) b);
            }
        }
    }

    @Test
    void commandsWithOrWithoutPrefixAreAnsweredAndEndOfInputEndsOnlyTheConsole(
            Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
        Database db = Database.open(dir);
        byte[] typed = "players\n\n!nope\n".getBytes(StandardCharsets.UTF_8);
        ChatService[] chat = new ChatService[1];
        Lines out = new Lines(
                2,
                () -> vertx.runOnContext(x -> {
                    // Input has ended (the stream was only those lines); the service still answers.
                    chat[0].handle(new ChatMessage("http", "api", "admin", true, "!players"))
                            .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                                assertEquals(List.of("no game server is watched"), reply);
                                ctx.completeNow();
                            })));
                }));
        vertx.getOrCreateContext().runOnContext(v -> {
            chat[0] = new ChatService(vertx, new FakeHost(), db, ChatConfig.DEFAULT, "!", new TestClock(FakeHost.T0));
            new ConsoleConnector(chat[0], new ByteArrayInputStream(typed), new PrintStream(out, true)).start();
        });
        ctx.awaitCompletion(15, TimeUnit.SECONDS);
        assertEquals(List.of("no game server is watched", "unknown command !nope, try !help"), out.lines);
        db.close();
    }
}
