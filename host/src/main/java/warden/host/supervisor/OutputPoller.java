package warden.host.supervisor;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the stdout and stderr of every child on ONE thread: each stream is a pipe the launcher made non-blocking
 * ({@link ChildPipes}), and this thread waits for all of them in one {@code poll(2)}, then hands what it read to the
 * stream's {@link OutputPump}. A host with 100 children has one output thread instead of 200.
 *
 * <p>Between lines the thread sleeps in {@code poll} with no timeout, so an idle host is not woken by it. A stream is
 * left out of the wait while its pump is paced (its lines are being dropped: it is read at most {@link
 * DrainPace#BYTES_PER_SECOND}) or while it holds protocol lines its queue has no room for; the queue's drain
 * wakes the thread ({@link #wake}) so that those lines move on. A stream ends at EOF, when every process holding its
 * write end has closed it.
 *
 * <p>It also waits for the children themselves: a pidfd per child polls readable once the child has exited, and the
 * poller then reaps it ({@link #watchExit}), so no thread per child sits in {@code waitpid} as with the JDK's
 * {@code Process}.
 *
 * <p>Owned by the {@link Launcher}. {@link #watch}, {@link #watchExit} and {@link #wake} may be called from any thread;
 * everything else runs on the poller thread.
 */
final class OutputPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputPoller.class);
    /** Reads of one stream per wake-up, so that a flooding child cannot keep the others waiting. */
    private static final int READS_PER_ROUND = 4;

    private static final class Stream {
        final int fd;
        final OutputPump pump;
        long pausedUntil;
        boolean ended;

        Stream(int fd, OutputPump pump) {
            this.fd = fd;
            this.pump = pump;
        }
    }

    /** A child waited for: its pidfd, and what completes with its exit code once it has been reaped. */
    private record Exit(int pidfd, int pid, CompletableFuture<Integer> code) {}

    private final ConcurrentLinkedQueue<Stream> added = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Exit> addedExits = new ConcurrentLinkedQueue<>();
    private final List<Stream> streams = new ArrayList<>();
    private final List<Exit> exits = new ArrayList<>();
    private final int[] status = new int[1];
    private final byte[] buf = new byte[64 * 1024];
    private final byte[] one = new byte[1];
    private final int wakeRead;
    private final int wakeWrite;
    private final Thread thread;
    private Memory fds = new Memory(8L * 64);
    private volatile boolean closed;

    OutputPoller() {
        int[] wake = new int[2];
        ChildPipes.open(wake);
        this.wakeRead = wake[0];
        this.wakeWrite = wake[1];
        this.thread = new Thread(null, this::loop, "warden-output", 512 * 1024);
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads {@code readFd} from now on into {@code pump}; the poller closes it at EOF. */
    void watch(int readFd, OutputPump pump) {
        if (closed) {
            LibC.closeQuietly(readFd);
            pump.complete();
            return;
        }
        added.add(new Stream(readFd, pump));
        wake();
    }

    /**
     * Completes with {@code pid}'s exit code (128 + signal when a signal ended it) once it has exited; the poller reaps
     * it. {@code pid} must be a child of this process that nothing else waits for.
     */
    CompletableFuture<Integer> watchExit(int pid) {
        CompletableFuture<Integer> code = new CompletableFuture<>();
        int fd;
        try {
            fd = LibC.pidfd_open(pid, 0);
        } catch (LastErrorException e) {
            waitOnThread(pid, code); // a kernel before 5.3: a thread for this child, as the JDK would have
            return code;
        }
        addedExits.add(new Exit(fd, pid, code));
        wake();
        return code;
    }

    private static void waitOnThread(int pid, CompletableFuture<Integer> code) {
        Thread t = new Thread(
                null,
                () -> {
                    int[] st = new int[1];
                    while (true) {
                        try {
                            LibC.waitpid(pid, st, 0);
                            code.complete(LibC.exitCode(st[0]));
                            return;
                        } catch (LastErrorException e) {
                            if (e.getErrorCode() != LibC.EINTR) {
                                code.completeExceptionally(e);
                                return;
                            }
                        }
                    }
                },
                "warden-wait-" + pid,
                64 * 1024);
        t.setDaemon(true);
        t.start();
    }

    /** Makes the poller look at every stream again (a new one, or room for held protocol lines). */
    void wake() {
        try {
            LibC.write(wakeWrite, one, 1);
        } catch (LastErrorException e) {
            // EAGAIN: the wake pipe is full, so a wake-up is pending anyway.
        }
    }

    private void loop() {
        try {
            while (!closed) {
                round();
            }
        } catch (Throwable e) {
            LOG.error("output poller failed; child output is no longer read", e);
        } finally {
            for (Stream s : streams) {
                LibC.closeQuietly(s.fd);
                s.pump.complete();
            }
            streams.clear();
            exits.forEach(x -> LibC.closeQuietly(x.pidfd()));
            exits.clear();
            LibC.closeQuietly(wakeRead);
            LibC.closeQuietly(wakeWrite);
        }
    }

    private void round() {
        for (Stream s; (s = added.poll()) != null; ) {
            streams.add(s);
        }
        for (Exit x; (x = addedExits.poll()) != null; ) {
            exits.add(x);
        }
        long now = System.nanoTime();
        long timeout = -1;
        List<Stream> polled = new ArrayList<>(streams.size());
        for (Stream s : streams) {
            if (!s.pump.flushPending()) {
                continue; // protocol lines wait for room; the queue's drain wakes us
            }
            if (s.ended) {
                s.pump.complete();
                continue;
            }
            if (s.pausedUntil > now) {
                long wait = (s.pausedUntil - now + 999_999) / 1_000_000;
                timeout = timeout < 0 ? wait : Math.min(timeout, wait);
                continue;
            }
            polled.add(s);
        }
        streams.removeIf(s -> s.ended && s.pump.isComplete());
        int n = polled.size() + exits.size() + 1;
        if (fds.size() < 8L * n) {
            fds = new Memory(16L * n);
        }
        set(0, wakeRead);
        for (int i = 0; i < polled.size(); i++) {
            set(i + 1, polled.get(i).fd);
        }
        for (int i = 0; i < exits.size(); i++) {
            set(polled.size() + 1 + i, exits.get(i).pidfd());
        }
        try {
            LibC.poll(fds, n, (int) Math.min(Integer.MAX_VALUE, timeout));
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EINTR) {
                throw e;
            }
            return;
        }
        if (fds.getShort(6) != 0) {
            drainWake();
        }
        for (int i = 0; i < polled.size(); i++) {
            if (fds.getShort(8L * (i + 1) + 6) != 0) {
                read(polled.get(i));
            }
        }
        List<Exit> waited = exits;
        for (int i = waited.size() - 1; i >= 0; i--) {
            if (fds.getShort(8L * (polled.size() + 1 + i) + 6) != 0 && reap(waited.get(i))) {
                waited.remove(i);
            }
        }
    }

    /** True once {@code x} has been reaped and its exit handed on. */
    private boolean reap(Exit x) {
        int got;
        try {
            got = LibC.waitpid(x.pid(), status, LibC.WNOHANG);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return false;
            }
            LibC.closeQuietly(x.pidfd());
            x.code().completeExceptionally(e);
            return true;
        }
        if (got != x.pid()) {
            return false; // not yet: readable before the exit is final
        }
        LibC.closeQuietly(x.pidfd());
        x.code().complete(LibC.exitCode(status[0]));
        return true;
    }

    private void set(int index, int fd) {
        long at = 8L * index;
        fds.setInt(at, fd);
        fds.setShort(at + 4, LibC.POLLIN);
        fds.setShort(at + 6, (short) 0);
    }

    /** Up to {@link #READS_PER_ROUND} reads; EOF (or an error on the pipe) ends the stream. */
    private void read(Stream s) {
        for (int i = 0; i < READS_PER_ROUND; i++) {
            long n;
            try {
                n = LibC.read(s.fd, buf, buf.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
                    return;
                }
                n = 0; // the pipe is unusable: treat it as the end of the stream
            }
            if (n <= 0) {
                LibC.closeQuietly(s.fd);
                s.ended = true;
                s.pump.end();
                return;
            }
            long pause = s.pump.feed(buf, (int) n);
            if (pause > 0) {
                s.pausedUntil = System.nanoTime() + pause;
                return;
            }
            if (n < buf.length || s.pump.hasPending()) {
                return;
            }
        }
    }

    private void drainWake() {
        try {
            while (LibC.read(wakeRead, buf, buf.length) > 0) {
                // only the wake-up matters, not the bytes
            }
        } catch (LastErrorException e) {
            // EAGAIN: drained
        }
    }

    /** Ends the thread; streams still open are closed and their pumps completed. */
    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
