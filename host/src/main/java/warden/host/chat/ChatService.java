package warden.host.chat;

import io.vertx.core.Future;
import java.util.List;

/**
 * Takes a chat line from any connector (console, HTTP, IRC, game chat), answers host admin commands itself and hands
 * plugin commands to the router.
 *
 * <p>Confined to the host context.
 */
public final class ChatService {

    /** The reply lines; empty when the line is not a command. */
    public Future<List<String>> handle(ChatMessage message) {
        throw new UnsupportedOperationException("TODO");
    }
}
