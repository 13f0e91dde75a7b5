package warden.host.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one stream of one run (stdout or stderr) line by line on its own thread: timestamps each line, cuts it at the
 * maximum length, appends it to the log file (unless it is protocol for an attachment) and hands it to the queue.
 *
 * <p>Log lines pass the child's {@link OutputGate} first. Lines past its limit are dropped before they are decoded,
 * and while they are, the pump reads at most {@link #DRAIN_BYTES_PER_SECOND}: a child that writes faster than that
 * waits on its full pipe. That is what bounds the host's CPU under a flood ({@code yes} would otherwise cost a core
 * just to be read and thrown away). Protocol lines are never dropped or paced here; the attachment judges them.
 *
 * <p>{@code done} completes at end of stream, so the supervisor can wait for the last lines before it records an
 * exit.
 */
final class OutputPump implements Runnable {

    /** How fast a stream is read while its lines are being dropped. */
    static final long DRAIN_BYTES_PER_SECOND = 4L * 1024 * 1024;

    private static final long PACE_NANOS = 100_000_000L;

    private final String stream;
    private final InputStream in;
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
    private long paceStart;
    private long pacedBytes;

    /**
     * @param log null when the lines are not to be logged (an attachment's stdout)
     * @param gate null for protocol: every line is delivered, however long (up to {@link
     *     ChildAttachment#MAX_LINE_CHARS}) and however many
     */
    OutputPump(
            String stream,
            InputStream in,
            int maxLineChars,
            LogFile log,
            Clock clock,
            OutputQueue queue,
            OutputGate gate,
            CompletableFuture<Void> done) {
        this.stream = stream;
        this.in = in;
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

    /**
     * On the launcher thread, right after the fork: one reader thread per stream. The result completes when both
     * streams have ended. An attachment's stdout is protocol: not logged, and never dropped.
     */
    static CompletableFuture<Void> start(
            Process p, ChildSpec spec, LogFile log, OutputQueue queue, OutputGate gate, Shared shared) {
        boolean protocol = spec.attachment() != null;
        CompletableFuture<Void> outDone = new CompletableFuture<>();
        CompletableFuture<Void> errDone = new CompletableFuture<>();
        int max = shared.options().maxLineChars();
        Clock clock = shared.clock();
        thread(
                spec.id(),
                new OutputPump(
                        "out",
                        p.getInputStream(),
                        max,
                        protocol ? null : log,
                        clock,
                        queue,
                        protocol ? null : gate,
                        outDone));
        thread(spec.id(), new OutputPump("err", p.getErrorStream(), max, log, clock, queue, gate, errDone));
        return CompletableFuture.allOf(outDone, errDone);
    }

    private static void thread(String childId, OutputPump pump) {
        // Small stacks: a pump needs little, and a host may run hundreds of them.
        Thread t = new Thread(null, pump, "warden-" + pump.stream + "-" + childId, 256 * 1024);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
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
                if (dropping) {
                    pace(n);
                }
            }
            if (length > 0 || skipped > 0) {
                endLine();
            }
            if (gate != null) {
                mark(true);
            }
        } catch (IOException e) {
            // The pipe was closed under us: the process is gone, nothing more to read.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (log != null) {
                log.flush();
            }
            done.complete(null);
        }
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

    private void endLine() throws InterruptedException {
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

    private void mark(boolean resuming) throws InterruptedException {
        String text = gate.mark(resuming);
        if (text != null) {
            emit(text);
        }
    }

    private void emit(String text) throws InterruptedException {
        OutputLine out = new OutputLine(clock.instant(), stream, text);
        if (log != null) {
            log.write(out);
        }
        queue.offer(out, gate == null);
    }

    /** While dropping: at most {@link #DRAIN_BYTES_PER_SECOND}, in slices of {@link #PACE_NANOS}. */
    private void pace(int bytes) throws InterruptedException {
        long now = System.nanoTime();
        if (now - paceStart >= PACE_NANOS) {
            paceStart = now;
            pacedBytes = 0;
        }
        pacedBytes += bytes;
        if (pacedBytes >= DRAIN_BYTES_PER_SECOND * PACE_NANOS / 1_000_000_000L) {
            long wait = PACE_NANOS - (now - paceStart);
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            }
            paceStart = System.nanoTime();
            pacedBytes = 0;
        }
    }
}
