package warden.host.supervisor;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cost of one sweep's /proc scan (what sits between a child's exit and its restart): {@code ProcessTree.members}
 * for a run with nothing left, against reading every stat file with {@code Files.readAllBytes}. Run by {@code
 * bench/supervisor/scan.sh}; prints milliseconds per scan and how many processes the machine has.
 */
public final class ProcScanBench {

    private ProcScanBench() {}

    public static void main(String[] args) throws Exception {
        int scans = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long self = ProcessHandle.current().pid();
        ProcessTree.Root none = new ProcessTree.Root(Long.MAX_VALUE, ProcessTree.startTicks(self), "none", "/none");
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < scans; i++) {
                ProcessTree.members(none);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < scans; i++) {
                nio();
            }
            long t2 = System.nanoTime();
            System.out.printf(
                    "round %d: members %.3f ms/scan, readAllBytes of every stat %.3f ms/scan, %d processes%n",
                    round, (t1 - t0) / 1e6 / scans, (t2 - t1) / 1e6 / scans, new java.io.File("/proc").list().length);
        }
    }

    private static void nio() {
        for (String name : new java.io.File("/proc").list()) {
            if (Character.isDigit(name.charAt(0))) {
                try {
                    Files.readAllBytes(Path.of("/proc", name, "stat"));
                } catch (java.io.IOException e) {
                    // gone meanwhile
                }
            }
        }
    }
}
