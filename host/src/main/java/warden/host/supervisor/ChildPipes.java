package warden.host.supervisor;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The stdin, stdout and stderr pipes of one run, made here so that one thread can read every child ({@link
 * OutputPoller}): stdout and stderr are {@code pipe2(O_NONBLOCK | O_CLOEXEC)} with the non-blocking flag taken off the
 * write end again (each end of a pipe is its own open file, and a child expects a blocking stdout); the read ends go to
 * the poller. Stdin is a blocking pipe whose write end the host keeps as a stream. {@link #spawn} hands the child its
 * ends, and closes the host's copies of them, so EOF comes when the run's tree is done with them.
 *
 * <p>Used on the launcher thread only. {@link #close} releases whatever has not been handed over, so a failed start
 * leaks no descriptor.
 */
final class ChildPipes implements AutoCloseable {

    private final int[] in = new int[] {-1, -1};
    private final int[] out = new int[] {-1, -1};
    private final int[] err = new int[] {-1, -1};

    ChildPipes() {
        try {
            LibC.pipe2(in, LibC.O_CLOEXEC);
            open(out);
            open(err);
            LibC.fcntl(out[1], LibC.F_SETFL, 0);
            LibC.fcntl(err[1], LibC.F_SETFL, 0);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A new non-blocking, close-on-exec pipe: {@code ends[0]} to read, {@code ends[1]} to write. */
    static void open(int[] ends) {
        LibC.pipe2(ends, LibC.O_NONBLOCK | LibC.O_CLOEXEC);
    }

    /**
     * Starts the child on these pipes, then closes the child's ends here, whether or not the start worked (the child
     * holds its own copies).
     */
    long spawn(Spawn spawn, List<String> command, Path dir, Map<String, String> env) throws IOException {
        try {
            return spawn.start(command, dir, env, in[0], out[1], err[1]);
        } finally {
            in[0] = release(in[0]);
            out[1] = release(out[1]);
            err[1] = release(err[1]);
        }
    }

    /** The child's stdin, from now on the caller's to close. */
    OutputStream stdin() throws IOException {
        // A stream of the JDK's over the same pipe, opened anew through /proc; our descriptor then goes.
        OutputStream stream = new FileOutputStream("/proc/self/fd/" + in[1]);
        in[1] = release(in[1]);
        return stream;
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
        for (int[] pipe : new int[][] {in, out, err}) {
            pipe[0] = release(pipe[0]);
            pipe[1] = release(pipe[1]);
        }
    }

    private static int release(int fd) {
        LibC.closeQuietly(fd);
        return -1;
    }
}
