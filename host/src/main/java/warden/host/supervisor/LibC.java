package warden.host.supervisor;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls the output poller needs, through the JNA that OSHI already brings. Direct mapping (static
 * natives bound once) rather than an interface proxy: no reflection or boxing per call on the output path.
 *
 * <p>Why native at all: the JDK has no way to make a child's pipe non-blocking or to wait on many of them at once (its
 * {@code Process} streams are blocking, so each needs a thread); {@code pipe2(O_NONBLOCK)} plus {@code poll(2)} lets
 * one thread read every child.
 */
final class LibC {

    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int F_SETFL = 4;
    static final short POLLIN = 0x1;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {}

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    /** {@code path}: NUL-terminated bytes (no String conversion per call: a sweep opens every /proc entry). */
    static native int open(byte[] path, int flags) throws LastErrorException;

    /** {@code fds}: an array of {@code struct pollfd} (int fd, short events, short revents: 8 bytes each). */
    static native int poll(Pointer fds, long nfds, int timeoutMillis) throws LastErrorException;

    static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    /** Only as {@code fcntl(fd, F_SETFL, flags)}. */
    static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    /** A descriptor that polls readable once the process has exited (Linux 5.3, glibc 2.36). */
    static native int pidfd_open(int pid, int flags) throws LastErrorException;

    static native int waitpid(int pid, int[] status, int options) throws LastErrorException;

    /** Only as {@code prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)}. */
    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    static final int PR_SET_CHILD_SUBREAPER = 36;

    static final int WNOHANG = 1;

    /** A wait status as the JDK's Process reports it: the exit code, or 128 + the signal that ended the process. */
    static int exitCode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    /** Closes {@code fd}, ignoring errors: it is being given up either way. */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                close(fd);
            } catch (LastErrorException e) {
                // EBADF/EINTR on close: the descriptor is released whatever happened.
            }
        }
    }
}
