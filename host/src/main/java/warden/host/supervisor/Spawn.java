package warden.host.supervisor;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * <p>Called on the launcher thread only: the native structures (and the blocks argv and envp are written into) are
 * allocated once and reused.
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
    /** argv and envp: their strings, NUL-terminated one after the other, and their two NULL-ended pointer arrays. */
    private Memory strings = new Memory(16 * 1024);

    private Memory pointers = new Memory(256 * Native.POINTER_SIZE);

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
            List<byte[]> args = new ArrayList<>(command.size() + env.size());
            command.forEach(a -> args.add(a.getBytes(StandardCharsets.UTF_8)));
            env.forEach((k, v) -> args.add((k + "=" + v).getBytes(StandardCharsets.UTF_8)));
            Pointer[] arrays = pack(args, command.size());
            int err = Native0.posix_spawnp(pid, command.get(0), actions, attr, arrays[0], arrays[1]);
            if (err != 0) {
                // The words ProcessBuilder used, which crash records and users already know.
                throw new IOException("Cannot run program \"" + command.get(0) + "\""
                        + (dir == null ? "" : " (in directory \"" + dir + "\")") + ": error=" + err + ", "
                        + Native0.strerror(err));
            }
            return pid[0];
        } finally {
            Native0.posix_spawn_file_actions_destroy(actions);
            Native0.posix_spawnattr_destroy(attr);
        }
    }

    /**
     * Writes {@code all} into the reused native blocks: the first {@code argc} as argv, the rest as envp, each array
     * ended by NULL; returns the two arrays. Why not JNA's {@code StringArray}: it allocates one native string, with a
     * cleaner, per entry (about 40 per start, on the restart path).
     */
    private Pointer[] pack(List<byte[]> all, int argc) {
        long bytes = 0;
        for (byte[] b : all) {
            bytes += b.length + 1;
        }
        long slots = all.size() + 2L;
        if (bytes > strings.size()) {
            strings = new Memory(Math.max(bytes, 2 * strings.size()));
        }
        if (slots * Native.POINTER_SIZE > pointers.size()) {
            pointers = new Memory(2 * slots * Native.POINTER_SIZE);
        }
        long at = 0;
        long slot = 0;
        for (int i = 0; i < all.size(); i++) {
            if (i == argc) {
                pointers.setPointer(Native.POINTER_SIZE * slot++, null); // argv's end; envp starts after it
            }
            byte[] b = all.get(i);
            strings.write(at, b, 0, b.length);
            strings.setByte(at + b.length, (byte) 0);
            pointers.setPointer(Native.POINTER_SIZE * slot++, strings.share(at));
            at += b.length + 1;
        }
        if (argc == all.size()) {
            pointers.setPointer(Native.POINTER_SIZE * slot++, null);
        }
        pointers.setPointer(Native.POINTER_SIZE * slot, null);
        return new Pointer[] {pointers, pointers.share(Native.POINTER_SIZE * (argc + 1L))};
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
