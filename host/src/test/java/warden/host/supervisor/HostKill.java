package warden.host.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import warden.host.fixtures.Fixtures;
import warden.host.fixtures.OrphanHost;

/**
 * Host SIGKILLs, for the tests and the fault suite: a stand-in host ({@link OrphanHost}) starts its children on one
 * data dir, is SIGKILLed after a random delay, and the processes it had started (found by their marker just before
 * the kill: children, a wrapper's helper, a daemon) are watched in /proc until gone. The next round's host starts on
 * the same data dir, so each round also proves that nothing of the last one is left after a start.
 *
 * @param kills hosts killed
 * @param goneAfterMs the longest time, over the rounds, from the kill until every process it had started was gone
 * @param survivors processes of a killed host still running 5 s after its kill (should be 0)
 * @param leftAfterStart processes of a killed host still running after the next host started (should be 0)
 * @param processesPerHost the most processes one host had started (children and their descendants)
 * @param maxLostSamples the most one-second samples a kill lost: ticks due before the kill but not in the database
 * @param integrity SQLite's {@code PRAGMA integrity_check} after the last kill ("ok")
 */
record HostKill(
        int kills,
        long goneAfterMs,
        int survivors,
        int leftAfterStart,
        int processesPerHost,
        long maxLostSamples,
        String integrity) {

    private static final long WATCH_MS = 5000;

    static HostKill run(Path dataDir, int rounds) throws Exception {
        return run(dataDir, rounds, new Random());
    }

    static HostKill run(Path dataDir, int rounds, Random random) throws Exception {
        String dir = dataDir.toAbsolutePath().normalize().toString();
        long worst = 0;
        int survivors = 0;
        int leftAfterStart = 0;
        int perHost = 0;
        long maxLost = 0;
        List<ProcessTree.Proc> previous = List.of();
        for (int i = 0; i < rounds; i++) {
            long hostStart = System.currentTimeMillis();
            Process host = new ProcessBuilder(Fixtures.java(OrphanHost.class, dir))
                    .redirectErrorStream(true)
                    .start();
            try {
                awaitPids(host);
                // Started: every child of the last round's host must be gone by now.
                leftAfterStart += (int) previous.stream()
                        .filter(p -> ProcessTree.read(p.pid()) != null)
                        .count();
                // At a random point once sampling runs: mid-tick, mid-flush, or idle between ticks.
                for (int w = 0;
                        w < 1000 && query(dataDir, "SELECT max(at) FROM metric_tick WHERE at >= " + hostStart) == null;
                        w++) {
                    Thread.sleep(10);
                }
                Thread.sleep(random.nextInt(1500));
                List<ProcessTree.Proc> started = ProcessTree.markedBy(dir);
                perHost = Math.max(perHost, started.size());
                host.destroyForcibly();
                long killedAt = System.nanoTime();
                long killedAtMs = System.currentTimeMillis();
                long gone = -1;
                while (System.nanoTime() - killedAt < WATCH_MS * 1_000_000) {
                    if (started.stream().allMatch(p -> ProcessTree.read(p.pid()) == null)) {
                        gone = (System.nanoTime() - killedAt) / 1_000_000;
                        break;
                    }
                    Thread.sleep(2);
                }
                if (gone < 0) {
                    survivors += (int) started.stream()
                            .filter(p -> ProcessTree.read(p.pid()) != null)
                            .count();
                    gone = WATCH_MS;
                }
                worst = Math.max(worst, gone);
                previous = started;
                host.waitFor(10, TimeUnit.SECONDS);
                Long lastTick = query(dataDir, "SELECT max(at) FROM metric_tick WHERE at >= " + hostStart);
                maxLost = Math.max(maxLost, lastTick == null ? Long.MAX_VALUE : (killedAtMs - lastTick) / 1000);
            } finally {
                host.destroyForcibly();
                host.waitFor(10, TimeUnit.SECONDS);
            }
        }
        String integrity;
        try (java.sql.Connection c =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("warden.db"));
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            integrity = rs.next() ? rs.getString(1) : "no answer";
        }
        return new HostKill(rounds, worst, survivors, leftAfterStart, perHost, maxLost, integrity);
    }

    private static Long query(Path dataDir, String sql) throws Exception {
        try (java.sql.Connection c =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("warden.db"));
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
    }

    /** Reads the host's output until it says every child is RUNNING; fails after 30 s. */
    private static void awaitPids(Process host) throws Exception {
        CompletableFuture<Void> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = host.inputReader()) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("pids ")) {
                        up.complete(null);
                    }
                }
                up.completeExceptionally(new IOException("the host ended before its children ran"));
            } catch (IOException e) {
                up.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        up.get(30, TimeUnit.SECONDS);
    }
}
