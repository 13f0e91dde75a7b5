package warden.host.chat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends lines one at a time with at least {@code gap} between two, on a Vert.x timer: Vintage Story merges console
 * lines written back to back into one command (VintageStory-Issues#4458). The first line after a quiet spell goes at
 * once. Bounded: past {@link #MAX_QUEUED} lines, new ones are dropped and logged.
 *
 * <p>Owned by one connector on the host context.
 */
final class PacedLines {

    static final int MAX_QUEUED = 50;

    private static final Logger LOG = LoggerFactory.getLogger(PacedLines.class);

    private final Vertx vertx;
    private final Duration gap;
    private final Consumer<String> sink;
    private final Deque<String> queue = new ArrayDeque<>();
    private boolean waiting;

    PacedLines(Vertx vertx, Duration gap, Consumer<String> sink) {
        this.vertx = vertx;
        this.gap = gap;
        this.sink = sink;
    }

    void add(String line) {
        if (queue.size() >= MAX_QUEUED) {
            LOG.warn("reply queue full ({} lines); dropped: {}", MAX_QUEUED, line);
            return;
        }
        queue.add(line);
        if (!waiting) {
            next();
        }
    }

    /** Forgets lines not sent yet (the server they were for has gone). */
    void clear() {
        queue.clear();
    }

    private void next() {
        String line = queue.poll();
        if (line == null) {
            waiting = false;
            return;
        }
        waiting = true;
        try {
            sink.accept(line);
        } finally {
            vertx.setTimer(Math.max(1, gap.toMillis()), t -> next());
        }
    }
}
