package warden.host.supervisor;

import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host as the child subreaper of everything its children start ({@code prctl(PR_SET_CHILD_SUBREAPER)}, as tini,
 * s6 and systemd do): a process whose parent exits is re-parented to the host instead of init, so whatever a run
 * starts stays below the host, double-forked daemons included, until the host reaps it.
 *
 * <p>Why: it makes "did a run leave anything behind?" a question about one list. The kernel hands an orphan to the
 * first live thread of its subreaper, which is the host's first thread (the {@code java} launcher's, which only waits
 * for the JVM to end and never starts a process: Java code runs on threads of its own, and the leaders and the JDK's
 * children are theirs). So once a leader has exited, anything left of its run is in that thread's {@code children}
 * list. When the list is empty, the sweep after the exit ({@link Reaper#sweep}) has nothing to find and skips its scan
 * of every process on the machine, which cost 3–9 ms between a SIGKILL and the restart; otherwise the scan runs as
 * before. Where the first thread is gone (an embedding launcher) the answer is always "unsure", and every sweep scans.
 *
 * <p>What the host takes on: adopted processes that exit are its zombies. {@link #reap} waits for those, and only for
 * the first thread's children, so never for a leader (the output poller's) or a process the JDK started (its own).
 *
 * <p>Stateless; callable from any thread.
 */
final class Adopted {

    private static final Logger LOG = LoggerFactory.getLogger(Adopted.class);
    private static final long SELF = ProcessHandle.current().pid();
    /** The host's first thread, whose id is the pid. */
    private static final String MAIN = Long.toString(SELF);

    private final boolean on;

    Adopted() {
        this.on = ProcessTree.available() && enable();
    }

    /** Whether the host is its children's subreaper: off where the kernel or the platform has none. */
    boolean on() {
        return on;
    }

    /** True when no run has left anything: the host has adopted nothing. False when unsure. */
    boolean none() {
        return on && mainThreadLives() && adopted().isEmpty();
    }

    /** Reaps every adopted process that has exited; returns how many. */
    int reap() {
        if (!on || !mainThreadLives()) {
            return 0;
        }
        int reaped = 0;
        int[] status = new int[1];
        for (long pid : adopted()) {
            ProcessTree.Proc p = ProcessTree.readAny(pid);
            if (p == null || !p.zombie()) {
                continue;
            }
            try {
                if (LibC.waitpid((int) pid, status, LibC.WNOHANG) == pid) {
                    reaped++;
                }
            } catch (LastErrorException e) {
                // ECHILD: reaped meanwhile.
            }
        }
        return reaped;
    }

    /** The first thread's children: what the host adopted. */
    private static List<Long> adopted() {
        List<Long> out = new ArrayList<>();
        ProcFile.Read r = ProcFile.readAll(SELF, "task/" + MAIN + "/children");
        if (r == null) {
            return out;
        }
        long v = -1;
        for (int i = 0; i < r.length(); i++) {
            byte c = r.bytes()[i];
            if (c >= '0' && c <= '9') {
                v = (v < 0 ? 0 : v * 10) + (c - '0');
            } else if (v >= 0) {
                out.add(v);
                v = -1;
            }
        }
        if (v >= 0) {
            out.add(v);
        }
        return out;
    }

    /** Whether the first thread still runs (an orphan then goes to it): its state is not Z or X. */
    private static boolean mainThreadLives() {
        ProcFile.Read r = ProcFile.read(SELF, "task/" + MAIN + "/stat");
        if (r == null) {
            return false;
        }
        String stat = new String(r.bytes(), 0, r.length(), StandardCharsets.US_ASCII);
        int close = stat.lastIndexOf(')');
        return close > 0 && close + 2 < stat.length() && "RSD".indexOf(stat.charAt(close + 2)) >= 0;
    }

    private static boolean enable() {
        try {
            LibC.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
            return true;
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            LOG.debug("not a child subreaper ({}): every sweep scans /proc", e.toString());
            return false;
        }
    }
}
