package warden.host.supervisor;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts a child with glibc's {@code posix_spawnp} instead of {@code ProcessBuilder}: the child is the leader of a new
 * session ({@code POSIX_SPAWN_SETSID}), its stdin, stdout and stderr are the pipes given, every other descriptor is
 * closed ({@code addclosefrom_np}), its signal mask is empty and every signal at its default.
 *
 * <p>Why not the JDK: {@code ProcessBuilder} cannot make a session, so each child used to be {@code setpriv --pdeathsig
 * KILL -- setsid cmd}, with the JDK's {@code jspawnhelper} in front: four execs per start, about 3.5 ms of a restart
 * here, where one exec takes 0.3 ms. And every JDK {@code Process} holds a thread blocked in {@code waitpid} until the
 * child exits, one per child; a child started here is waited for by the one output poller through a pidfd ({@link
 * OutputPoller#watchExit}). What {@code setpriv}'s death signal gave is the {@link Keeper}'s job alone now: it kills
 * every tree of this host when the host dies, whatever way.
 *
 * <p>Called on the launcher thread only: the two native structures are allocated once and reused.
 */
final class Spawn {

    private static final short SETSIGDEF = 0x04;
    private static final short SETSIGMASK = 0x08;
    private static final short SETSID = 0x80;

    /** Larger than glibc's posix_spawn_file_actions_t (80 bytes), posix_spawnattr_t (336) and sigset_t (128). */
    private final Memory actions = new Memory(512);

    private final Memory attr = new Memory(512);
    private final Memory signals = new Memory(256);
    private final int[] pid = new int[1];

    /** Starts {@code command} in {@code dir} (null: the host's) with exactly {@code env}; returns the pid. */
    long start(List<String> command, Path dir, Map<String, String> env, int stdin, int stdout, int stderr)
            throws IOException {
        check(Native0.posix_spawn_file_actions_init(actions), "file actions");
        check(Native0.posix_spawnattr_init(attr), "attributes");
        try {
            check(Native0.posix_spawn_file_actions_adddup2(actions, stdin, 0), "stdin");
            check(Native0.posix_spawn_file_actions_adddup2(actions, stdout, 1), "stdout");
            check(Native0.posix_spawn_file_actions_adddup2(actions, stderr, 2), "stderr");
            check(Native0.posix_spawn_file_actions_addclosefrom_np(actions, 3), "closefrom");
            if (dir != null) {
                check(Native0.posix_spawn_file_actions_addchdir_np(actions, dir.toString()), "chdir");
            }
            check(Native0.posix_spawnattr_setflags(attr, (short) (SETSID | SETSIGMASK | SETSIGDEF)), "flags");
            Native0.sigemptyset(signals);
            check(Native0.posix_spawnattr_setsigmask(attr, signals), "signal mask");
            Native0.sigfillset(signals);
            check(Native0.posix_spawnattr_setsigdefault(attr, signals), "signal defaults");
            String[] argv = command.toArray(String[]::new);
            String[] envp = env.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            int err = Native0.posix_spawnp(
                    pid, argv[0], actions, attr, new StringArray(argv, "UTF-8"), new StringArray(envp, "UTF-8"));
            if (err != 0) {
                // The words ProcessBuilder used, which crash records and users already know.
                throw new IOException("Cannot run program \"" + argv[0] + "\""
                        + (dir == null ? "" : " (in directory \"" + dir + "\")") + ": error=" + err + ", "
                        + Native0.strerror(err));
            }
            return pid[0];
        } finally {
            Native0.posix_spawn_file_actions_destroy(actions);
            Native0.posix_spawnattr_destroy(attr);
        }
    }

    private static void check(int err, String what) throws IOException {
        if (err != 0) {
            throw new IOException("posix_spawn " + what + ": error=" + err + ", " + Native0.strerror(err));
        }
    }

    /** glibc 2.34 or later (addclosefrom_np); bound apart from {@link LibC} so the output poller never depends on it. */
    private static final class Native0 {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int posix_spawn_file_actions_init(Pointer actions);

        static native int posix_spawn_file_actions_destroy(Pointer actions);

        static native int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

        static native int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

        static native int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

        static native int posix_spawnattr_init(Pointer attr);

        static native int posix_spawnattr_destroy(Pointer attr);

        static native int posix_spawnattr_setflags(Pointer attr, short flags);

        static native int posix_spawnattr_setsigmask(Pointer attr, Pointer set);

        static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer set);

        static native int sigemptyset(Pointer set);

        static native int sigfillset(Pointer set);

        static native int posix_spawnp(
                int[] pid, String file, Pointer actions, Pointer attr, Pointer argv, Pointer envp);

        static native String strerror(int err);
    }
}
