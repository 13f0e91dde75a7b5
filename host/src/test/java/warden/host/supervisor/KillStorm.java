package warden.host.supervisor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import warden.host.fixtures.OrphanHost;

/**
 * Random SIGKILLs to the leaders of 13 running children (plain processes and wrapper scripts with a helper and a
 * daemon) at random gaps, then a wait until every child is back (RUNNING) or FAILED with its reason. For the tests
 * and the fault suite.
 *
 * @param kills SIGKILLs that reached a live leader
 * @param crashRecords crash records stored afterwards (one per kill)
 * @param settled children RUNNING or FAILED at the end, of {@link #CHILDREN}
 * @param orphans processes marked as this host's that belong to no child's current tree
 * @param duplicates leaders beyond one per running child (children the host started that carry the marker; not those
 *     it adopted as subreaper, a wrapper's daemon, which are its first thread's)
 * @param heapBeforeBytes heap used after a GC once every child first ran; {@code heapAfterBytes} the same at the end
 * @param rssBeforeBytes the host's resident memory at the same two points; {@code rssMidBytes} halfway through the
 *     kills, to tell warm-up (JIT, a heap grown once) from growth
 * @param strays the orphans and duplicates, described, for the failure message
 */
record KillStorm(
        int kills,
        int crashRecords,
        int settled,
        int orphans,
        int duplicates,
        long heapBeforeBytes,
        long heapAfterBytes,
        long rssBeforeBytes,
        long rssMidBytes,
        long rssAfterBytes,
        List<String> strays) {

    static final int CHILDREN = 13;

    private static final RestartSpec QUICK = new RestartSpec(
            RestartSpec.Policy.ALWAYS,
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            1_000_000,
            Duration.ofMinutes(5));

    static KillStorm run(Vertx vertx, Path dataDir, int kills, long minGapMs, long maxGapMs, Random random)
            throws Exception {
        try (TestHost host = new TestHost(vertx, dataDir)) {
            List<ChildSpec> specs = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                boolean wrapper = i % 3 == 0;
                specs.add(new ChildSpec(
                        "storm-" + i,
                        ChildKind.SERVICE,
                        wrapper ? OrphanHost.WRAPPER : List.of("sleep", Integer.toString(10_000 + i)),
                        null,
                        Map.of(),
                        wrapper ? Readiness.pattern("daemon \\d+") : Readiness.settle(Duration.ofMillis(20)),
                        null,
                        QUICK,
                        null));
            }
            await(host.start(specs.toArray(ChildSpec[]::new)));
            awaitSettled(host, 30);
            long heapBefore = heapUsed();
            long rssBefore = rss();
            int done = 0;
            Set<Long> killed = new HashSet<>();
            long rssMid = -1;
            while (done < kills) {
                Thread.sleep(minGapMs + random.nextInt((int) (maxGapMs - minGapMs + 1)));
                // A leader already killed may still show RUNNING until its exit is handled: never twice.
                List<ChildStatus> running = await(host.on(s -> Future.succeededFuture(s.children()))).stream()
                        .filter(c -> c.state() == ChildState.RUNNING && c.pid() > 0 && !killed.contains(c.pid()))
                        .filter(c -> ProcessTree.read(c.pid()) != null)
                        .toList();
                if (running.isEmpty()) {
                    continue;
                }
                ChildStatus victim = running.get(random.nextInt(running.size()));
                if (ProcessHandle.of(victim.pid())
                        .map(ProcessHandle::destroyForcibly)
                        .orElse(false)) {
                    killed.add(victim.pid());
                    done++;
                    if (done == kills / 2) {
                        rssMid = rss();
                    }
                }
            }
            // Every exit handled first (its record is stored after), then every restart done.
            int records = 0;
            for (int i = 0; i < 500 && records < done; i++) {
                records = await(host.on(s -> s.crashes(null, 1_000_000))).size();
                if (records < done) {
                    Thread.sleep(20);
                }
            }
            int settled = awaitSettled(host, 60);
            String dir = dataDir.toAbsolutePath().normalize().toString();
            List<ChildStatus> children = await(host.on(s -> Future.succeededFuture(s.children())));
            Set<Long> trees = new HashSet<>();
            int leaders = 0;
            for (ChildStatus c : children) {
                if (c.pid() > 0) {
                    leaders++;
                    ProcessTree.members(new ProcessTree.Root(c.pid(), ProcessTree.startTicks(c.pid()), c.id(), dir))
                            .forEach(p -> trees.add(p.pid()));
                }
            }
            Set<Long> started = started();
            List<ProcessTree.Proc> marked = ProcessTree.markedBy(dir);
            Set<Long> leaderPids = new HashSet<>();
            children.forEach(c -> leaderPids.add(c.pid()));
            List<ProcessTree.Proc> stray = marked.stream()
                    .filter(p ->
                            !trees.contains(p.pid()) || (started.contains(p.pid()) && !leaderPids.contains(p.pid())))
                    .toList();
            int orphans =
                    (int) marked.stream().filter(p -> !trees.contains(p.pid())).count();
            int direct =
                    (int) marked.stream().filter(p -> started.contains(p.pid())).count();
            return new KillStorm(
                    done,
                    records,
                    settled,
                    orphans,
                    Math.max(0, direct - leaders),
                    heapBefore,
                    heapUsed(),
                    rssBefore,
                    rssMid,
                    rss(),
                    stray.stream().map(KillStorm::describe).toList());
        }
    }

    /** Waits up to {@code seconds} for every child to be RUNNING or FAILED; returns how many are. */
    private static int awaitSettled(TestHost host, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int settled = 0;
        while (System.nanoTime() < deadline) {
            settled = (int) await(host.on(s -> Future.succeededFuture(s.children()))).stream()
                    .filter(c ->
                            c.state() == ChildState.RUNNING || (c.state() == ChildState.FAILED && c.reason() != null))
                    .count();
            if (settled == CHILDREN) {
                break;
            }
            Thread.sleep(20);
        }
        return settled;
    }

    /** The children this JVM's threads started, from /proc: every thread's but the first, which holds the adopted. */
    private static Set<Long> started() throws java.io.IOException {
        long self = ProcessHandle.current().pid();
        Set<Long> out = new HashSet<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if (task.getFileName().toString().equals(Long.toString(self))) {
                    continue;
                }
                try {
                    for (String pid :
                            Files.readString(task.resolve("children")).trim().split("\\s+")) {
                        if (!pid.isEmpty()) {
                            out.add(Long.parseLong(pid));
                        }
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // The thread ended.
                }
            }
        }
        return out;
    }

    private static String describe(ProcessTree.Proc p) {
        String cmd =
                ProcessHandle.of(p.pid()).flatMap(h -> h.info().commandLine()).orElse("?");
        return p + " " + cmd;
    }

    private static long heapUsed() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
