package warden.host.supervisor;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The hand-over of one run's output lines from the output poller thread to the host context, in batches.
 *
 * <p>At most one drain task is queued on the context at a time, and each takes at most {@link #BATCH} lines, so a
 * child that floods its output costs the event loop one short task per batch and other work still gets its turn. When
 * the context falls behind and the queue is full, log lines are dropped and counted (the log file on disk still has
 * them); protocol lines for an attachment are never dropped: an offer without room fails, the pump holds the line and
 * the poller stops reading that stream until a drain has made room and called {@code room} (it wakes the poller), which
 * slows the child down.
 * Protocol lines may be 1 MiB each, so they are also bounded by their total size ({@link #PROTOCOL_CHARS}).
 */
final class OutputQueue {

    static final int BATCH = 512;
    /** Chars of protocol lines waiting at most, so that a plugin sending 1 MiB frames cannot fill the heap. */
    static final int PROTOCOL_CHARS = 8 * 1024 * 1024;

    /** {@code weight}: the chars a protocol line holds of {@link #protocolRoom}; 0 for a log line. */
    private record Item(OutputLine line, int weight) {}

    private final BlockingQueue<Item> lines;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final Semaphore protocolRoom = new Semaphore(PROTOCOL_CHARS);
    private final Context context;
    private final Consumer<OutputQueue> drainer;
    private final Runnable room;
    /** Set when a protocol line found no room: the next drain calls {@link #room}. */
    private final AtomicBoolean waiting = new AtomicBoolean();

    /** {@code drainer} runs on {@code context} and calls {@link #take}; {@code room} is told when a refused line may fit. */
    OutputQueue(int capacity, Context context, Consumer<OutputQueue> drainer, Runnable room) {
        // Linked, not an array: an array queue holds its whole capacity from the start (40 KB for 10,000 lines), per
        // run, while a quiet child has almost nothing waiting (4 MB of the idle host's heap with 100 children).
        this.lines = new LinkedBlockingQueue<>(capacity);
        this.context = context;
        this.drainer = drainer;
        this.room = room;
    }

    /**
     * From the poller thread; never blocks. A log line always returns true (dropped and counted when the queue is
     * full); a protocol line ({@code mustDeliver}) returns false when there is no room for it, and is not taken.
     */
    boolean offer(OutputLine line, boolean mustDeliver) {
        if (mustDeliver) {
            if (!tryOffer(line)) {
                // Flag first, then look again: a drain between the two sees the flag or made the room we now find.
                waiting.set(true);
                if (!tryOffer(line)) {
                    schedule();
                    return false;
                }
            }
        } else if (!lines.offer(new Item(line, 0))) {
            dropped.incrementAndGet();
        }
        schedule();
        return true;
    }

    private boolean tryOffer(OutputLine line) {
        int weight = Math.max(1, Math.min(PROTOCOL_CHARS, line.text().length()));
        if (!protocolRoom.tryAcquire(weight)) {
            return false;
        }
        if (!lines.offer(new Item(line, weight))) {
            protocolRoom.release(weight);
            return false;
        }
        return true;
    }

    /** On the context: the next batch, oldest first. Schedules another drain when lines remain. */
    List<OutputLine> take(int max) {
        List<Item> items = new ArrayList<>(Math.min(max, lines.size()));
        lines.drainTo(items, max);
        List<OutputLine> batch = new ArrayList<>(items.size());
        int weight = 0;
        for (Item i : items) {
            batch.add(i.line());
            weight += i.weight();
        }
        if (weight > 0) {
            protocolRoom.release(weight);
        }
        if (!items.isEmpty() && waiting.getAndSet(false)) {
            room.run();
        }
        scheduled.set(false);
        // A pump that offered after drainTo saw the flag still set and did not schedule: pick its lines up here.
        if (!lines.isEmpty()) {
            schedule();
        }
        return batch;
    }

    /** Lines dropped since the last call. */
    long takeDropped() {
        return dropped.getAndSet(0);
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drainer.accept(this));
        }
    }
}
