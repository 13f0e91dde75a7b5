package warden.host.chat;

import io.vertx.core.Future;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin commands typed into the host's own terminal. Whoever has the terminal is an admin. The prefix may be left
 * out: {@code status} means {@code !status}.
 *
 * <p>A daemon thread reads stdin line by line and hops to the host context for each. End of input ends the console
 * only, never the host (a service manager usually gives it /dev/null).
 */
final class ConsoleConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleConnector.class);

    private final ChatService chat;
    private final InputStream in;
    private final PrintStream out;
    private volatile boolean stopped;

    ConsoleConnector(ChatService chat, InputStream in, PrintStream out) {
        this.chat = chat;
        this.in = in;
        this.out = out;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public Future<Void> start() {
        Thread reader = new Thread(this::read, "warden-console");
        reader.setDaemon(true);
        reader.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        return Future.succeededFuture();
    }

    @Override
    public void deliver(String where, List<String> lines) {
        lines.forEach(out::println);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (!stopped && (line = reader.readLine()) != null) {
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                String command = text.startsWith(chat.prefix()) ? text : chat.prefix() + text;
                chat.context()
                        .runOnContext(v -> chat.handle(new ChatMessage("console", "console", "console", true, command))
                                .onSuccess(replies -> replies.forEach(out::println))
                                .onFailure(e -> out.println("error: " + e.getMessage())));
            }
            LOG.info("console input ended; the host keeps running");
        } catch (IOException e) {
            LOG.warn("console input failed; the host keeps running", e);
        }
    }
}
