package warden.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * A stand-in for a Vintage Story dedicated server, bundled in warden.jar: it prints that server's console format (boot,
 * ready line, joins, leaves, chat, shutdown) and obeys {@code /stop}, {@code /list clients} and {@code /announce} on
 * stdin, so the embedded default and the fast tests have a game server without downloading one.
 *
 * <p>Test hooks on stdin: {@code /sim join NAME}, {@code /sim leave NAME}, {@code /sim chat NAME MESSAGE}, {@code /sim
 * crash CODE} (exit at once), {@code /sim hang} (ignore stdin and SIGTERM; only SIGKILL ends it), {@code /sim deaf}
 * (ignore stdin only), {@code /sim spam N} (N lines as fast as possible).
 *
 * <p>Options: {@code --port N} (42420), {@code --boot-delay 500ms} (1s), {@code --players alice,bob} (they join once
 * the server runs), {@code --demo} (players come, go and chat every few seconds), {@code --seed N}.
 *
 * <p>All state lives on one thread ({@code world}); stdin, signals and demo timers only hand it work. SIGTERM stops
 * the server gracefully like {@code /stop}, as the real server does; end of stdin does too, so a simulator whose
 * supervisor died does not live on.
 */
public final class GameSimulator {

    private static final List<String> DEMO_NAMES = List.of("Priya13", "Uraka", "Fighter199", "MKRhere", "Erney");
    private static final List<String> DEMO_LINES =
            List.of("hi all", "anyone seen iron nearby?", "brb", "the lag is <fine> today", "!roll 2d6", "gg");

    private final ServerLog log;
    private final ScheduledExecutorService world = Executors.newSingleThreadScheduledExecutor(r -> {
        // Not a daemon: this thread keeps the JVM alive once the console is no longer read; only exit() ends it.
        return new Thread(r, "world");
    });
    private final Map<String, Integer> players = new LinkedHashMap<>(); // name -> remote port
    private final Random random;
    private final int port;
    private volatile boolean listening = true;
    private boolean stopping;

    private GameSimulator(ServerLog log, int port, long seed) {
        this.log = log;
        this.port = port;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GameSimulator: " + e.getMessage());
            System.err.println(
                    "usage: GameSimulator [--port N] [--boot-delay 500ms] [--players a,b] [--demo] [--seed N]");
            System.exit(2);
            return;
        }
        GameSimulator sim = new GameSimulator(new ServerLog(System.out, Clock.systemDefaultZone()), o.port, o.seed);
        Signal.handle(new Signal("TERM"), s -> sim.world.execute(() -> sim.stop("Received SIGTERM")));
        sim.world.execute(sim::boot);
        Thread.sleep(o.bootDelay.toMillis());
        sim.world.submit(() -> sim.running(o.players, o.demo)).get();
        sim.readConsole();
    }

    private void boot() {
        log.notification("Launching server...");
        log.notification("Server v1.20.8 (Warden simulator), network v1.20.8");
        log.notification("Loading savegame...");
        log.event("Starting world generators");
    }

    private void running(List<String> initialPlayers, boolean demo) {
        log.event("Dedicated Server now running on Port " + port + " and all ips!");
        initialPlayers.forEach(this::join);
        if (demo) {
            scheduleDemo();
        }
    }

    private void readConsole() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while (listening && (line = in.readLine()) != null) {
            String command = line.strip();
            if (command.startsWith("/sim ")) {
                simCommand(command.substring(5).strip());
            } else if (!command.isEmpty()) {
                world.execute(() -> console(command));
            }
        }
        if (listening) {
            world.execute(() -> stop("Console input closed"));
        }
    }

    private void console(String command) {
        if (stopping) {
            return;
        }
        if (!command.startsWith("/")) {
            log.chat("Admin: " + command); // the console's plain text is chat from "Admin"
            return;
        }
        log.notification("Handling Console Command " + command);
        String[] words = command.split("\\s+", 2);
        switch (words[0]) {
            case "/stop" -> stop("Exit request by client");
            case "/list" -> listClients();
            case "/announce" -> log.event("Server announced: " + (words.length > 1 ? words[1] : "") + ".");
            default -> log.notification("Command not found: " + words[0]);
        }
    }

    /** Runs on the stdin thread: what must not wait for the world thread happens here, the rest is queued. */
    private void simCommand(String hook) {
        String[] w = hook.split("\\s+", 3);
        switch (w[0]) {
            case "crash" -> {
                if (w.length > 1 && w[1].matches("\\d{1,3}")) {
                    Runtime.getRuntime().halt(Integer.parseInt(w[1]));
                }
                world.execute(() -> log.warning("Simulator: /sim crash takes an exit code 0-255"));
            }
            case "deaf" -> {
                listening = false;
                world.execute(() -> log.warning("Simulator: ignoring the console from now on"));
            }
            case "hang" -> {
                listening = false;
                Signal.handle(new Signal("TERM"), s -> {});
                Signal.handle(new Signal("INT"), s -> {});
                world.execute(() -> {
                    log.warning("Simulator: hanging, ignoring the console and SIGTERM");
                    forever();
                });
            }
            default -> world.execute(() -> worldHook(w));
        }
    }

    private void worldHook(String[] w) {
        try {
            switch (w[0]) {
                case "join" -> join(w[1]);
                case "leave" -> leave(w[1]);
                case "chat" -> chat(w[1], w.length > 2 ? w[2] : "");
                case "spam" -> spam(Integer.parseInt(w[1]));
                default -> log.warning("Simulator: unknown hook " + w[0]);
            }
        } catch (RuntimeException e) {
            log.warning("Simulator: cannot do /sim " + String.join(" ", w) + " (" + e + ")");
        }
    }

    private void listClients() {
        log.notification("List of online Players");
        int index = 1;
        for (Map.Entry<String, Integer> p : players.entrySet()) {
            log.plain("Playing [" + index++ + "] " + p.getKey() + " [::ffff:127.0.0.1]:" + p.getValue()
                    + " (12ms) (0s inactive)");
        }
    }

    private void join(String name) {
        if (players.containsKey(name)) {
            return;
        }
        int remotePort = 40000 + random.nextInt(20000);
        players.put(name, remotePort);
        log.event(name + " [::ffff:127.0.0.1]:" + remotePort + " joins.");
    }

    private void leave(String name) {
        if (players.remove(name) != null) {
            log.event("Player " + name + " left.");
        }
    }

    private void chat(String name, String message) {
        log.chat("0 | " + name + ": " + message);
    }

    private void spam(int lines) {
        for (int i = 1; i <= lines; i++) {
            log.notification("Simulator spam line " + i + " of " + lines);
        }
    }

    private void stop(String reason) {
        if (stopping) {
            return;
        }
        stopping = true;
        log.notification("Server stop requested, begin shutdown sequence. Stop reason: " + reason);
        log.notification("Server ticking has been suspended");
        log.notification("Entering runphase Shutdown");
        for (String name : new ArrayList<>(players.keySet())) {
            log.event("Player " + name + " got removed. Reason: Server shutting down - " + reason);
        }
        players.clear();
        log.event("Mods and systems notified, now saving everything...");
        log.event("World saved! Saved 2 chunks, 17 mapchunks, 16 mapregions.");
        log.event("Shutting down 6 server threads...");
        log.event("Killed console thread");
        log.event("All threads gracefully shut down");
        log.event("Doing last tick...");
        log.event("Stopped the server!");
        System.exit(0);
    }

    private void scheduleDemo() {
        long delayMillis = 2000 + random.nextInt(4000);
        world.schedule(
                () -> {
                    if (!stopping) {
                        demoStep();
                        scheduleDemo();
                    }
                },
                delayMillis,
                TimeUnit.MILLISECONDS);
    }

    /** One random thing a small community server would log: mostly chat, sometimes a join or a leave. */
    private void demoStep() {
        List<String> online = new ArrayList<>(players.keySet());
        int roll = random.nextInt(10);
        if (online.isEmpty() || (roll < 2 && online.size() < DEMO_NAMES.size())) {
            List<String> away = new ArrayList<>(DEMO_NAMES);
            away.removeAll(online);
            join(away.get(random.nextInt(away.size())));
        } else if (roll < 3 && online.size() > 1) {
            leave(online.get(random.nextInt(online.size())));
        } else {
            chat(online.get(random.nextInt(online.size())), DEMO_LINES.get(random.nextInt(DEMO_LINES.size())));
        }
    }

    private static void forever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line, parsed by hand: five options do not justify a library. */
    private record Options(int port, Duration bootDelay, List<String> players, boolean demo, long seed) {

        static Options parse(String[] args) {
            int port = 42420;
            Duration bootDelay = Duration.ofSeconds(1);
            List<String> players = List.of();
            boolean demo = false;
            long seed = System.nanoTime();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                    case "--boot-delay" -> bootDelay = duration(value(args, ++i, "--boot-delay"));
                    case "--players" -> players =
                            List.of(value(args, ++i, "--players").split(","));
                    case "--demo" -> demo = true;
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(port, bootDelay, players, demo, seed);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static Duration duration(String text) {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            throw new IllegalArgumentException("--boot-delay takes 500ms or 2s, not " + text);
        }
    }
}
