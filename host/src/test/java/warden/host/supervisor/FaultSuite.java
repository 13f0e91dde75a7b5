package warden.host.supervisor;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The long form of the fault suite ({@code bench/faults/run.sh}): a kill storm, host SIGKILLs at random points, and
 * the figures of each. {@link FaultSuiteTest} runs the same scenarios in their short form in {@code mvn verify}; the
 * group signals, the second host, the forking wrapper and the full disk have their own tests ({@link HostSignalsTest},
 * {@link DataDirLockTest}, {@link ProcessTreeTest}, {@link DiskFullTest}), which run.sh runs as well.
 *
 * <p>{@code args}: kills in the storm (default 500), host kills (default 10).
 */
public final class FaultSuite {

    private FaultSuite() {}

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int hostKills = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Random random = new Random();
        Path dir = Files.createTempDirectory("warden-faults");
        Vertx vertx = Vertx.vertx();
        boolean ok = true;
        try {
            KillStorm storm = KillStorm.run(vertx, dir.resolve("storm"), kills, 50, 500, random);
            System.out.println("kill storm: " + storm.kills() + " SIGKILLs at 50-500 ms gaps over " + KillStorm.CHILDREN
                    + " children");
            System.out.println("  crash records " + storm.crashRecords() + " (want " + storm.kills() + "), settled "
                    + storm.settled() + "/" + KillStorm.CHILDREN + ", orphans " + storm.orphans() + ", duplicates "
                    + storm.duplicates());
            System.out.printf(
                    "  host heap after GC %.1f -> %.1f MiB, RSS %.1f -> %.1f (halfway) -> %.1f MiB%n",
                    mib(storm.heapBeforeBytes()),
                    mib(storm.heapAfterBytes()),
                    mib(storm.rssBeforeBytes()),
                    mib(storm.rssMidBytes()),
                    mib(storm.rssAfterBytes()));
            ok &= storm.crashRecords() == storm.kills()
                    && storm.settled() == KillStorm.CHILDREN
                    && storm.orphans() == 0
                    && storm.duplicates() == 0;

            HostKill host = HostKill.run(dir.resolve("host-kills"), hostKills, random);
            System.out.println("host SIGKILL x" + host.kills() + " at random points (" + host.processesPerHost()
                    + " processes per host: children, a wrapper's helper, a daemon)");
            System.out.println("  all of a killed host's processes gone after at most " + host.goneAfterMs()
                    + " ms without a next start (keeper); survivors " + host.survivors()
                    + ", left after the next start " + host.leftAfterStart());
            System.out.println("  samples lost per kill at most " + host.maxLostSamples() + " (1 s interval); "
                    + "integrity_check " + host.integrity());
            ok &= host.survivors() == 0
                    && host.leftAfterStart() == 0
                    && host.maxLostSamples() <= 1
                    && host.integrity().equals("ok");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        System.out.println(ok ? "fault suite: every figure within bounds" : "fault suite: FAILED (see above)");
        System.exit(ok ? 0 : 1);
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
