package warden.sim;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes lines the way a Vintage Story dedicated server prints them to its console: {@code d.M.yyyy HH:mm:ss [Server
 * Event] message}. Flushes every line, because a supervisor reads them through a pipe and waits for the ready line.
 */
final class ServerLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d.M.yyyy HH:mm:ss");

    private final PrintStream out;
    private final Clock clock;

    ServerLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void notification(String message) {
        line("Notification", message);
    }

    void event(String message) {
        line("Event", message);
    }

    void warning(String message) {
        line("Warning", message);
    }

    /** A chat line; Vintage Story HTML-escapes angle brackets before logging, so the simulator does too. */
    void chat(String message) {
        line("Chat", message.replace("<", "&lt;").replace(">", "&gt;"));
    }

    /** A continuation line without timestamp, as in the output of {@code /list clients}. */
    synchronized void plain(String text) {
        out.println(text);
        out.flush();
    }

    private synchronized void line(String type, String message) {
        out.println(LocalDateTime.now(clock).format(TIME) + " [Server " + type + "] " + message);
        out.flush();
    }
}
