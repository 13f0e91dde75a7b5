package warden.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import warden.host.config.ConfigDiff;
import warden.host.config.ConfigException;
import warden.host.config.ConfigLoader;
import warden.host.config.ServiceConfig;
import warden.host.config.WardenConfig;
import warden.host.storage.DataDirLock;

/**
 * {@code java -jar warden.jar [--config FILE] [--data DIR] [--no-console] [--help]}.
 *
 * <p>Exit codes: 0 after {@code --help}; 1 when the host failed while starting (another host holds the data dir, or
 * the data dir cannot be written: stderr names the dir and the holder's pid and address, or the path and errno); 2
 * for bad arguments or a bad configuration, including one the machine cannot honour (the HTTP port taken, a folder
 * that cannot be written), in which case nothing was started and stderr says what to fix. Once
 * started, the host runs until SIGTERM or Ctrl-C (to the host alone or to its whole process group: children run in
 * sessions of their own and hear only the host), which stop every child gracefully within a bounded time; the JVM then
 * exits with 143 or 130.
 */
public final class Main {

    static final String USAGE =
            """
            Usage: java -jar warden.jar [--config FILE] [--data DIR] [--no-console] [--help]
                   java -jar warden.jar ctl <command> ...   (control a running host: ctl --help)

            Supervises plugins and a game server, with metrics, a dashboard and admin chat commands.

              --config FILE   the YAML configuration; without it, the embedded default runs the bundled
                              example plugins and the bundled game-server simulator
              --data DIR      where storage, logs and secrets live (wins over data: and WARDEN_DATA_DIR)
              --no-console    do not read admin commands from stdin
              --help          print this and exit

            Environment: WARDEN_HTTP_HOST, WARDEN_HTTP_PORT, WARDEN_ADMIN_TOKEN, WARDEN_DATA_DIR,
            WARDEN_METRICS_INTERVAL, WARDEN_METRICS_HISTORY, WARDEN_PLUGINS_DIR (see docs/configuration.md).
            Exit codes: 0 after --help, 1 failed while starting, 2 bad arguments or configuration; after a stop
            by SIGTERM or Ctrl-C, 143 or 130 as for any JVM. SIGHUP re-reads the configuration file and
            applies the difference (as ctl update does).
            """;

    /** Time allowed, beyond the children's own stop budget, for storage and Vert.x to close. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(5);

    private Main() {}

    /** Thrown for a command line that cannot be used; the message is printed after "warden: ". */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. {@code config} and {@code data} are null when not given. */
    record Arguments(Path config, Path data, boolean noConsole, boolean help) {

        static Arguments parse(List<String> args) throws UsageException {
            Path config = null;
            Path data = null;
            boolean noConsole = false;
            boolean help = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--config", "--data" -> {
                        if (value == null) {
                            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                                throw new UsageException(arg + " needs a value (see --help)");
                            }
                            value = args.get(++i);
                        }
                        if (arg.equals("--config")) {
                            config = Path.of(value);
                        } else {
                            data = Path.of(value);
                        }
                    }
                    case "--no-console" -> noConsole = true;
                    case "--help", "-h" -> help = true;
                    default -> throw new UsageException("unknown argument " + args.get(i) + " (see --help)");
                }
            }
            return new Arguments(config, data, noConsole, help);
        }
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("ctl")) {
            System.exit(warden.ctl.Ctl.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        int code = run(List.of(args), System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        // Started: Vert.x's threads keep the JVM alive until the shutdown hook has stopped everything.
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Arguments arguments;
        ConfigLoader loader;
        WardenConfig config;
        try {
            arguments = Arguments.parse(args);
            if (arguments.help()) {
                out.print(USAGE);
                return 0;
            }
            Preload.start();
            loader = loader(arguments, env);
            config = load(loader, arguments);
        } catch (UsageException e) {
            err.println("warden: " + e.getMessage());
            return 2;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.println("warden: configuration error; nothing was started");
            return 2;
        }
        // First, before a pid file is read or a bundled jar copied: a second host on this data dir stops here.
        DataDirLock lock;
        try {
            lock = DataDirLock.acquire(config.data());
        } catch (DataDirLock.InUse | DataDirLock.NotWritable e) {
            err.println("warden: " + e.getMessage());
            err.println("warden: nothing was started");
            return 1;
        }
        // Then what the config asks of the machine (the port free, the folders usable), before any child starts.
        try {
            loader.checkBeforeStart(config);
        } catch (ConfigException e) {
            lock.close();
            err.println(e.getMessage());
            err.println("warden: configuration error; nothing was started");
            return 2;
        }
        Vertx vertx = Warden.createVertx(config);
        Warden warden;
        try {
            if (arguments.config() == null) {
                List<String> copied = BundledPlugins.extract(config.plugins().dir());
                if (!copied.isEmpty()) {
                    out.println("warden: bundled plugins copied to "
                            + config.plugins().dir() + ": " + copied);
                }
            }
            warden = Warden.start(vertx, config, () -> load(arguments, env), lock)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
        } catch (Exception e) {
            Throwable cause =
                    e.getCause() != null && e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            err.println("warden: could not start: " + cause);
            vertx.close();
            lock.close();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(warden, vertx, out, err), "warden-shutdown"));
        // SIGHUP (systemd's ExecReload) re-reads the file, instead of the JVM's default of shutting down.
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reload(warden, out, err));
        Endpoint.write(config.data(), warden.dashboardUrl(), err);
        banner(arguments, config, warden, out);
        return 0;
    }

    private static void reload(Warden warden, PrintStream out, PrintStream err) {
        warden.reloadConfig().onComplete(ar -> {
            if (ar.succeeded()) {
                ConfigDiff d = ar.result();
                out.println("warden: config reloaded: added " + d.added() + ", removed " + d.removed() + ", changed "
                        + d.changed() + ", unchanged " + d.unchanged() + "; needs a host restart: " + d.needsRestart());
            } else {
                err.println(ar.cause().getMessage());
                err.println("warden: config reload failed; nothing was changed");
            }
        });
    }

    private static WardenConfig load(Arguments arguments, Map<String, String> env) throws ConfigException {
        return load(loader(arguments, env), arguments);
    }

    private static WardenConfig load(ConfigLoader loader, Arguments arguments) throws ConfigException {
        return arguments.config() == null ? loader.loadEmbeddedDefault() : loader.load(arguments.config());
    }

    private static ConfigLoader loader(Arguments arguments, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader(env, Path.of(""));
        if (arguments.data() != null) {
            loader.set("data", arguments.data().toString(), "--data");
        }
        if (arguments.noConsole()) {
            loader.set("chat.console", "false", "--no-console");
        }
        return loader;
    }

    private static void banner(Arguments arguments, WardenConfig config, Warden warden, PrintStream out) {
        String source = arguments.config() == null
                ? "embedded default (no --config)"
                : arguments.config().toAbsolutePath().normalize().toString();
        out.println("Warden is running.");
        out.println("  config:    " + source);
        out.println("  data:      " + config.data());
        out.println("  dashboard: " + warden.dashboardUrl());
        List<String> ids = config.services().stream().map(ServiceConfig::id).toList();
        out.println("  services:  " + (ids.isEmpty() ? "none" : String.join(", ", ids)));
        List<String> plugins = plugins(warden);
        out.println("  plugins:   " + (plugins.isEmpty() ? "none" : String.join(", ", plugins)));
        if (config.chat().console()) {
            out.println("This console takes admin commands: type "
                    + config.plugins().commandPrefix() + "help.");
        }
        out.println("Stop with Ctrl-C or SIGTERM: children are stopped gracefully first.");
    }

    /** Each plugin as "id version", read on the host context, which owns the plugin host. */
    private static List<String> plugins(Warden warden) {
        java.util.concurrent.CompletableFuture<List<String>> names = new java.util.concurrent.CompletableFuture<>();
        warden.context()
                .runOnContext(v -> names.complete(warden.plugins().plugins().stream()
                        .map(p -> p.version().isEmpty() ? p.id() : p.id() + " " + p.version())
                        .toList()));
        try {
            return names.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return List.of("(not known yet)");
        }
    }

    /** Runs in the shutdown hook: SIGTERM, SIGINT, or the JVM exiting. Waits a bounded time, then lets the JVM go. */
    private static void shutdown(Warden warden, Vertx vertx, PrintStream out, PrintStream err) {
        Duration budget = warden.stopBudget();
        out.println("warden: stopping (at most " + budget.plus(CLOSE_MARGIN).toSeconds() + "s)...");
        boolean clean = await(warden.stop(), budget, "stopping the host", err);
        // Closed separately: a callback chained after close() may be due on an event loop that is already gone.
        clean &= await(vertx.close(), CLOSE_MARGIN, "closing Vert.x", err);
        if (clean) {
            Endpoint.remove(warden.config().data(), err);
        }
        out.println(clean ? "warden: stopped" : "warden: stopped, not cleanly (see above)");
        out.flush();
    }

    private static boolean await(Future<Void> future, Duration limit, String what, PrintStream err) {
        try {
            future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            err.println("warden: " + what + " took longer than " + limit.toSeconds() + "s; giving up");
        } catch (ExecutionException e) {
            err.println("warden: " + what + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
