package warden.host.supervisor;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Turns the bytes of one stream of one run (stdout or stderr) into lines: timestamps each line, cuts it at the maximum
 * length, appends it to the log file (unless it is protocol for an attachment) and hands it to the queue. It reads
 * nothing itself: the {@link OutputPoller} thread, which reads every child's pipes, calls {@link #feed} with what it
 * read and {@link #end} at EOF. Every line reaches the log file and the queue, so crash records keep the exact tail.
 *
 * <p>Log lines pass the child's {@link OutputGate} first. Lines past its limit are dropped before they are decoded,
 * and while they are, the stream is read at most {@link DrainPace#BYTES_PER_SECOND}: {@link #feed} answers how long the
 * poller leaves the pipe alone, so a child that writes faster than that waits on its full pipe. That is what bounds the
 * host's CPU under a flood ({@code yes} would otherwise cost a core just to be read and thrown away). Protocol lines
 * are never dropped or paced here; the attachment judges them. When their queue is full they are held ({@link
 * #hasPending}) and the poller stops reading the stream until {@link #flushPending} has moved them on, which slows the
 * child down instead of losing a frame.
 *
 * <p>{@code done} completes at end of stream, so the supervisor can wait for the last lines before it records an
 * exit. Used by the poller thread only.
 */
final class OutputPump {
    private final String stream;
    private final int maxLineChars;
    private final LogFile log;
    private final Clock clock;
    private final OutputQueue queue;
    private final OutputGate gate;
    private final CompletableFuture<Void> done;
    /** Bytes of one line kept for decoding; the rest of a longer line is only counted. */
    private final int keepBytes;

    private byte[] line = new byte[256];
    private int length;
    private long skipped;
    private boolean dropping;
    private final DrainPace pace = new DrainPace();
    /** Protocol lines the queue had no room for yet, oldest first. */
    private final ArrayDeque<OutputLine> pending = new ArrayDeque<>();

    /**
     * @param log null when the lines are not to be logged (an attachment's stdout)
     * @param gate null for protocol: every line is delivered, however long (up to {@link
     *     ChildAttachment#MAX_LINE_CHARS}) and however many
     */
    OutputPump(
            String stream,
            int maxLineChars,
            LogFile log,
            Clock clock,
            OutputQueue queue,
            OutputGate gate,
            CompletableFuture<Void> done) {
        this.stream = stream;
        this.maxLineChars = gate == null ? ChildAttachment.MAX_LINE_CHARS : maxLineChars;
        this.log = log;
        this.clock = clock;
        this.queue = queue;
        this.gate = gate;
        this.done = done;
        // A UTF-16 char takes at most 3 UTF-8 bytes, so this many bytes always hold more than the limit in chars,
        // and a protocol line over the limit still arrives over it (cut, but recognisably too long).
        this.keepBytes = 3 * this.maxLineChars + 6;
    }

    /** The stdout and stderr pumps of one run. An attachment's stdout is protocol: not logged, and never dropped. */
    static OutputPump[] pair(ChildSpec spec, LogFile log, OutputQueue queue, OutputGate gate, Shared shared) {
        boolean protocol = spec.attachment() != null;
        int max = shared.options().maxLineChars();
        Clock clock = shared.clock();
        return new OutputPump[] {
            new OutputPump(
                    "out", max, protocol ? null : log, clock, queue, protocol ? null : gate, new CompletableFuture<>()),
            new OutputPump("err", max, log, clock, queue, gate, new CompletableFuture<>())
        };
    }

    /** Completes when the stream has ended and every line is delivered. */
    CompletableFuture<Void> done() {
        return done;
    }

    /**
     * Bytes read from the pipe: splits them into lines. Returns how many nanoseconds the stream is to be left unread
     * (pacing while lines are dropped), 0 to go on reading.
     */
    long feed(byte[] buf, int n) {
        int from = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                append(buf, from, i);
                endLine();
                from = i + 1;
            }
        }
        append(buf, from, n);
        if (log != null) {
            log.flush();
        }
        return dropping ? pace.after(n, System.nanoTime()) : 0;
    }

    /** End of stream: the last line even without its newline, and the count of lines dropped since the last mark. */
    void end() {
        if (length > 0 || skipped > 0) {
            endLine();
        }
        if (gate != null) {
            mark(true);
        }
        if (log != null) {
            log.flush();
        }
    }

    /** True when protocol lines wait for room in the queue. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Offers held protocol lines again; true when none is left. */
    boolean flushPending() {
        while (!pending.isEmpty()) {
            if (!queue.offer(pending.peekFirst(), true)) {
                return false;
            }
            pending.pollFirst();
        }
        return true;
    }

    /** The stream is over: those waiting for its last lines may go on. */
    void complete() {
        if (log != null) {
            log.flush();
        }
        done.complete(null);
    }

    boolean isComplete() {
        return done.isDone();
    }

    private void append(byte[] buf, int from, int to) {
        int n = to - from;
        int room = keepBytes - length;
        int kept = Math.min(n, room);
        if (kept > 0) {
            if (length + kept > line.length) {
                line = Arrays.copyOf(line, Math.min(keepBytes, Math.max(line.length * 2, length + kept)));
            }
            System.arraycopy(buf, from, line, length, kept);
            length += kept;
        }
        skipped += n - kept;
    }

    private void endLine() {
        int end = length;
        if (end > 0 && line[end - 1] == '\r' && skipped == 0) {
            end--;
        }
        long size = end + skipped;
        length = 0;
        long cutBytes = skipped;
        skipped = 0;
        if (gate != null) {
            dropping = !gate.admit(size);
            mark(false);
            if (dropping) {
                return;
            }
        }
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        if (gate == null) {
            emit(text); // protocol: the attachment tells a frame that is too long by its length
            return;
        }
        long cut = cutBytes;
        if (text.length() > maxLineChars) {
            cut += text.length() - maxLineChars;
            text = text.substring(0, maxLineChars);
        }
        emit(cut > 0 ? text + " [" + cut + " more chars cut]" : text);
        if (line.length > 64 * 1024) {
            line = new byte[256]; // one huge line must not pin its buffer for the life of the child
        }
    }

    private void mark(boolean resuming) {
        String text = gate.mark(resuming);
        if (text != null) {
            emit(text);
        }
    }

    private void emit(String text) {
        OutputLine out = new OutputLine(clock.instant(), stream, text);
        if (log != null) {
            log.write(out);
        }
        if (gate != null) {
            queue.offer(out, false); // a log line: dropped and counted when the queue is full
        } else if (!pending.isEmpty() || !queue.offer(out, true)) {
            pending.addLast(out);
        }
    }
}
