package warden.host.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one stream of one run (stdout or stderr) line by line on its own thread: timestamps each line, cuts it at the
 * maximum length, appends it to the log file (unless it is protocol for an attachment) and hands it to the queue.
 *
 * <p>{@code done} completes at end of stream, so the supervisor can wait for the last lines before it records an
 * exit.
 */
final class OutputPump implements Runnable {

    private final String stream;
    private final InputStream in;
    private final int maxLineChars;
    private final LogFile log;
    private final Clock clock;
    private final OutputQueue queue;
    private final boolean protocol;
    private final CompletableFuture<Void> done;

    /** @param log null when the lines are not to be logged (an attachment's stdout) */
    OutputPump(
            String stream,
            InputStream in,
            int maxLineChars,
            LogFile log,
            Clock clock,
            OutputQueue queue,
            boolean protocol,
            CompletableFuture<Void> done) {
        this.stream = stream;
        this.in = in;
        this.maxLineChars = maxLineChars;
        this.log = log;
        this.clock = clock;
        this.queue = queue;
        this.protocol = protocol;
        this.done = done;
    }

    /**
     * On the launcher thread, right after the fork: one reader thread per stream. The result completes when both
     * streams have ended. An attachment's stdout is protocol: not logged, and never dropped.
     */
    static CompletableFuture<Void> start(Process p, ChildSpec spec, LogFile log, OutputQueue queue, Shared shared) {
        boolean protocol = spec.attachment() != null;
        CompletableFuture<Void> outDone = new CompletableFuture<>();
        CompletableFuture<Void> errDone = new CompletableFuture<>();
        int max = shared.options().maxLineChars();
        Clock clock = shared.clock();
        thread(
                spec.id(),
                new OutputPump("out", p.getInputStream(), max, protocol ? null : log, clock, queue, protocol, outDone));
        thread(spec.id(), new OutputPump("err", p.getErrorStream(), max, log, clock, queue, false, errDone));
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
        char[] buf = new char[8192];
        StringBuilder line = new StringBuilder();
        long cut = 0;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = reader.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        emit(line, cut);
                        line.setLength(0);
                        cut = 0;
                    } else if (line.length() < maxLineChars) {
                        line.append(c);
                    } else {
                        cut++;
                    }
                }
                if (log != null) {
                    log.flush();
                }
            }
            if (line.length() > 0) {
                emit(line, cut);
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

    private void emit(StringBuilder line, long cut) throws InterruptedException {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        String text = line.substring(0, end);
        if (cut > 0) {
            text = text + " [" + cut + " more chars cut]";
        }
        OutputLine out = new OutputLine(clock.instant(), stream, text);
        if (log != null) {
            log.write(out);
        }
        queue.offer(out, protocol);
    }
}
