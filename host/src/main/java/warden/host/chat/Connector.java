package warden.host.chat;

import io.vertx.core.Future;
import java.util.List;

/**
 * One place admins type commands: the host's console, an IRC network, the game server's chat. A connector turns what
 * it reads into {@link ChatMessage}s for {@link ChatService#handle} (on the host context), decides who is an admin
 * there, and sends the replies back where the line came from, paced as that place needs.
 */
interface Connector {

    /** The {@link ChatMessage#connector()} name of its messages: "console", "irc", "game". */
    String name();

    /** Begins reading. Completes once the connector is set up, not when a remote server is reached. */
    Future<Void> start();

    Future<Void> stop();

    /** Sends lines nobody asked for (alerts, announcements) to {@code where}, or to every place it serves if null. */
    void deliver(String where, List<String> lines);
}
