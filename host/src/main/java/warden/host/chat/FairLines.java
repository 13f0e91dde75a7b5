package warden.host.chat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paced sender of one connector: lines go out one at a time with at least {@code gap} between two (IRC flood
 * control; Vintage Story merges console lines written back to back, VintageStory-Issues#4458), the first line after a
 * quiet spell at once.
 *
 * <p>Fair: every asker has a queue of their own, and the next line is taken round-robin across the queues, so a user
 * who asks for much waits for their own backlog only. Admins' queues go first: an admin's answer is never behind
 * anyone else's backlog, only behind the line on the wire. Bounded: past {@link #MAX_PER_ASKER} lines in one queue,
 * or {@link #MAX_QUEUED} in all, new lines are dropped and logged.
 *
 * <p>Owned by one connector on the host context.
 */
final class FairLines {

    static final int MAX_PER_ASKER = 20;
    static final int MAX_QUEUED = 500;

    private static final Logger LOG = LoggerFactory.getLogger(FairLines.class);

    private record Line(String target, String text) {}

    private final Vertx vertx;
    private final Duration gap;
    private final BiConsumer<String, String> sink;
    // Insertion order is the round-robin order: a queue served goes to the back.
    private final Map<String, Deque<Line>> admins = new LinkedHashMap<>();
    private final Map<String, Deque<Line>> others = new LinkedHashMap<>();
    private int queued;
    private boolean waiting;

    /** {@code sink} takes {@code (target, text)}. */
    FairLines(Vertx vertx, Duration gap, BiConsumer<String, String> sink) {
        this.vertx = vertx;
        this.gap = gap;
        this.sink = sink;
    }

    /** Queues one line for {@code target}, asked for by {@code asker} (an identity, not a nick). */
    void add(String asker, boolean admin, String target, String text) {
        Deque<Line> queue = (admin ? admins : others).computeIfAbsent(asker, a -> new ArrayDeque<>());
        if (queue.size() >= MAX_PER_ASKER || queued >= MAX_QUEUED) {
            LOG.warn("reply queue full ({} lines, {} for {}); dropped: {}", queued, queue.size(), asker, text);
            return;
        }
        queue.add(new Line(target, text));
        queued++;
        if (!waiting) {
            next();
        }
    }

    /** Forgets lines not sent yet (the server they were for has gone). */
    void clear() {
        admins.clear();
        others.clear();
        queued = 0;
    }

    private void next() {
        Line line = take(admins);
        if (line == null) {
            line = take(others);
        }
        if (line == null) {
            waiting = false;
            return;
        }
        waiting = true;
        queued--;
        try {
            sink.accept(line.target(), line.text());
        } finally {
            vertx.setTimer(Math.max(1, gap.toMillis()), t -> next());
        }
    }

    private static Line take(Map<String, Deque<Line>> queues) {
        Iterator<Map.Entry<String, Deque<Line>>> it = queues.entrySet().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Map.Entry<String, Deque<Line>> first = it.next();
        it.remove();
        Line line = first.getValue().poll();
        if (!first.getValue().isEmpty()) {
            queues.put(first.getKey(), first.getValue());
        }
        return line;
    }
}
