package warden.host.alerts;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Chat lines through the {@link ChatSink} the chat capability registered: the headline and, after a crash, the last
 * three lines of output. Each configured target ({@code irc:#ops}, {@code irc:alice}, {@code console}) gets them; no
 * target means every connector.
 */
final class ChatTransport implements Transport {

    private static final int LINES = 3;

    private final Supplier<ChatSink> sink;
    private final List<String> targets;

    ChatTransport(Supplier<ChatSink> sink, List<String> targets) {
        this.sink = sink;
        this.targets = targets;
    }

    @Override
    public Future<Void> send(Notification n) {
        ChatSink chat = sink.get();
        if (chat == null) {
            return Future.failedFuture("chat is not running");
        }
        List<String> lines = new ArrayList<>();
        lines.add(Wording.line(n.kind(), n.alert()));
        List<String> tail = n.alert().lines();
        lines.addAll(tail.subList(Math.max(0, tail.size() - LINES), tail.size()));
        if (targets.isEmpty()) {
            chat.deliver(null, lines);
        } else {
            targets.forEach(t -> chat.deliver(t, lines));
        }
        return Future.succeededFuture();
    }
}
