package warden.host.supervisor;

import java.io.File;

/**
 * The stdout and stderr pipes of one run, made by the launcher instead of the JDK's so that one thread can read every
 * child ({@link OutputPoller}): {@code pipe2(O_NONBLOCK | O_CLOEXEC)}, the write ends handed to {@code ProcessBuilder}
 * by path ({@code /proc/self/fd/N}: a fresh open of the same pipe, blocking as a child expects) and closed here once
 * the child has them, so EOF comes when the run's tree is done with them; the read ends go to the poller.
 *
 * <p>Used on the launcher thread only. {@link #close} releases whatever has not been handed over, so a failed start
 * leaks no descriptor.
 */
final class ChildPipes implements AutoCloseable {

    private final int[] out = new int[] {-1, -1};
    private final int[] err = new int[] {-1, -1};

    ChildPipes() {
        try {
            open(out);
            open(err);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A new non-blocking, close-on-exec pipe: {@code ends[0]} to read, {@code ends[1]} to write. */
    static void open(int[] ends) {
        LibC.pipe2(ends, LibC.O_NONBLOCK | LibC.O_CLOEXEC);
    }

    /** Points the child's stdout and stderr at the write ends. */
    void redirect(ProcessBuilder pb) {
        pb.redirectOutput(ProcessBuilder.Redirect.to(path(out[1])));
        pb.redirectError(ProcessBuilder.Redirect.to(path(err[1])));
    }

    /** After the start, whether or not it worked: the child holds its own copies of the write ends. */
    void closeChildEnds() {
        out[1] = release(out[1]);
        err[1] = release(err[1]);
    }

    /** Hands the read ends to {@code poller}; from now on it closes them, at EOF. */
    void watch(OutputPoller poller, OutputPump outPump, OutputPump errPump) {
        poller.watch(out[0], outPump);
        out[0] = -1;
        poller.watch(err[0], errPump);
        err[0] = -1;
    }

    @Override
    public void close() {
        for (int[] pipe : new int[][] {out, err}) {
            pipe[0] = release(pipe[0]);
            pipe[1] = release(pipe[1]);
        }
    }

    private static File path(int fd) {
        return new File("/proc/self/fd/" + fd);
    }

    private static int release(int fd) {
        LibC.closeQuietly(fd);
        return -1;
    }
}
