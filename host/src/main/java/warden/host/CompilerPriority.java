package warden.host;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the JVM's JIT compiler threads a lower priority (a higher nice value) than the host's own threads.
 *
 * <p>Why: the host's flags compile code after a twentieth of the usual calls (see the launcher), so that the metrics
 * tick runs compiled within a minute; at start-up that has the compiler busy for most of a core (0.6 s of CPU in a
 * 0.8 s start with 100 children, issue 16), on a 2-core machine next to the thread reading the config and the one
 * spawning children. Niced, it uses the time they leave: all 100 children were exec'd 0.94 -> 0.76 s after launch, and the
 * compiled code arrives a little later. Later the same holds for a busy game server: the host's compiler yields to
 * it. Linux only (a thread's nice value is its own there); nothing happens elsewhere or when it fails, and a process
 * may always lower its own threads' priority.
 */
final class CompilerPriority {

    private static final Logger LOG = LoggerFactory.getLogger(CompilerPriority.class);

    /** Nice 10: below the host's threads (0), still above a batch job at 19. */
    static final int NICE = 10;

    private CompilerPriority() {}

    /** Renices each compiler thread there is now (later ones are started by these, and inherit their nice value). */
    static void lower() {
        Path tasks = Path.of("/proc/self/task");
        if (!Platform.isLinux() || !Files.isDirectory(tasks)) {
            return;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path task : all) {
                String name = readName(task);
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    int tid = Integer.parseInt(task.getFileName().toString());
                    if (Native0.setpriority(Native0.PRIO_PROCESS, tid, NICE) != 0) {
                        LOG.debug("compiler thread {} not reniced", tid);
                    }
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.debug("compiler threads not reniced: {}", e.toString());
        }
    }

    private static String readName(Path task) {
        try {
            return Files.readString(task.resolve("comm"));
        } catch (IOException e) {
            return ""; // the thread has ended
        }
    }

    private static final class Native0 {
        /** With a thread id as {@code who}, Linux sets that one thread's nice value. */
        static final int PRIO_PROCESS = 0;

        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int setpriority(int which, int who, int prio);
    }
}
