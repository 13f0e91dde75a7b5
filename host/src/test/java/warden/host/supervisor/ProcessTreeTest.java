package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.OrphanHost;

/**
 * Whole process trees: a wrapper script's background helper, and a daemon that left the session, go with their run on
 * a stop, on a crash and on the kill after a stop timeout; a tree left by a dead host goes at the next start.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessTreeTest {

    private static final Pattern PIDS = Pattern.compile("(helper|daemon) (\\d+)");

    @TempDir
    Path dataDir;

    private TestHost host;
    private final List<Long> strays = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        if (host != null) {
            host.close();
        }
        strays.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private static ChildSpec wrapper(String id) {
        return ChildSpec.service(id, OrphanHost.WRAPPER).withReadiness(Readiness.pattern("daemon \\d+"));
    }

    /** The helper's and the daemon's pids, read from the child's output once it is RUNNING. */
    private Future<List<Long>> descendants(String id) {
        return host.on(s -> {
            List<Long> pids = new ArrayList<>();
            for (OutputLine line : s.tail(id, 10)) {
                Matcher m = PIDS.matcher(line.text());
                if (m.matches()) {
                    pids.add(Long.parseLong(m.group(2)));
                }
            }
            strays.addAll(pids);
            return Future.succeededFuture(pids);
        });
    }

    @Test
    void aStopEndsTheHelperAndTheDaemonWithTheWrapper(Vertx vertx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions t = new Transitions(vertx, "game");
        await(host.start(wrapper("game")).compose(v -> t.first(2)));
        List<Long> pids = await(descendants("game"));
        assertEquals(2, pids.size(), "helper and daemon: " + pids);
        pids.forEach(pid -> assertFalse(PidFile.gone(pid), pid + " runs before the stop"));
        long daemonSession = ProcessTree.read(pids.get(1)).session();
        assertNotEquals(t.event(0).pid(), daemonSession, "the daemon left the child's session");

        await(host.on(s -> s.stop("game")).compose(v -> t.first(4)));

        pids.forEach(pid -> assertTrue(PidFile.gone(pid), pid + " outlived the stop"));
    }

    @Test
    void aCrashEndsTheRestOfTheTreeBeforeTheRestart(Vertx vertx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions t = new Transitions(vertx, "game");
        await(host.start(wrapper("game")).compose(v -> t.first(2)));
        List<Long> pids = await(descendants("game"));
        long leader = t.event(0).pid();

        ProcessHandle.of(leader).orElseThrow().destroyForcibly();
        await(t.first(3));

        assertEquals("CRASHED", t.event(2).state().name());
        pids.forEach(pid -> assertTrue(PidFile.gone(pid), pid + " outlived the crash of " + leader));
    }

    @Test
    void theKillAfterTheStopTimeoutReachesDescendantsThatIgnoreSigterm(Vertx vertx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions t = new Transitions(vertx, "stubborn");
        ChildSpec stubborn = new ChildSpec(
                "stubborn",
                ChildKind.SERVICE,
                // Ignored signals are inherited: the helper ignores SIGTERM too.
                List.of("sh", "-c", "trap '' TERM; sleep 1000 & echo \"helper $!\"; while :; do sleep 1; done"),
                null,
                Map.of(),
                Readiness.pattern("helper \\d+"),
                new StopSpec(null, Duration.ofMillis(300)),
                null,
                null);
        await(host.start(stubborn).compose(v -> t.first(2)));
        List<Long> pids = await(descendants("stubborn"));
        assertEquals(1, pids.size());

        // The stop completes as STOPPED is published; the event reaches the recorder just after.
        await(host.on(s -> s.stop("stubborn")).compose(v -> t.first(4)));

        assertTrue(t.event(3).reason().contains("likely SIGKILL"), t.event(3).toString());
        assertTrue(PidFile.gone(pids.get(0)), "the helper outlived the kill");
    }

    /**
     * What a SIGKILLed host without a keeper leaves: a wrapper whose leader died of its death signal, its helper and a
     * daemon still running, and the pid file. The next host stops all of it before the child starts again.
     */
    @Test
    void theNextStartEndsWhatADeadHostsRunLeft(Vertx vertx) throws Exception {
        String marked = ProcessTree.HOST_VAR + "=" + dataDir.toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        "setsid",
                        "sh",
                        "-c",
                        "sleep 1000 & echo $!; (setsid sh -c 'echo $$; exec sleep 1001' &); exec sleep 1002"))
                .redirectErrorStream(true);
        pb.environment()
                .put(ProcessTree.HOST_VAR, dataDir.toAbsolutePath().normalize().toString());
        pb.environment().put(ProcessTree.CHILD_VAR, "game");
        Process old = pb.start();
        java.io.BufferedReader out = old.inputReader();
        long helper = Long.parseLong(out.readLine().trim());
        long daemon = Long.parseLong(out.readLine().trim());
        strays.addAll(List.of(old.pid(), helper, daemon));
        PidFile.write(
                dataDir.resolve("run/game.pid"),
                new PidFile.Entry(
                        old.pid(), ProcessTree.startTicks(old.pid()), old.pid(), old.pid(), "sleep 1002 " + marked));

        host = new TestHost(vertx, dataDir);
        Transitions t = new Transitions(vertx, "game");
        await(host.start(ChildSpec.service("game", List.of("sleep", "1003"))
                        .withReadiness(Readiness.settle(Duration.ofMillis(50))))
                .compose(v -> t.first(1)));

        assertTrue(
                t.event(0).reason().startsWith("start-up; stopped leftover pid " + old.pid()),
                t.event(0).reason());
        for (long pid : List.of(old.pid(), helper, daemon)) {
            assertTrue(PidFile.gone(pid), pid + " survived the next start");
        }
    }

    /** A host with a keeper: its children's trees are gone soon after it is SIGKILLed, with no next start. */
    @Test
    void theKeeperEndsTheTreesOfAHostKilledWithSigkill() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/bin/sh")));
        HostKill kill = HostKill.run(dataDir, 1);
        assertEquals(0, kill.survivors(), kill.toString());
        assertTrue(kill.goneAfterMs() <= 2000, kill.toString());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
