package warden.ctl;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code warden ctl}: a running host from the shell, like {@code supervisorctl} or {@code pm2}. A client of the REST
 * API only (no Vert.x), so it is up and done in a fraction of a second; which host and token it uses is {@link
 * Target}'s business.
 *
 * <p>Exit codes: 0 done; 1 the host answered that the action failed; 2 a bad command line; 3 no host answered, or it
 * refused the token.
 */
@Command(
        name = "warden ctl",
        mixinStandardHelpOptions = true,
        versionProvider = Ctl.Version.class,
        description = "Controls a running Warden host through its API.",
        footer = {
            "",
            "Without --url the host on this machine is found through <data>/run/endpoint, and the token in",
            "<data>/admin-token; <data> is --data, else WARDEN_DATA_DIR, else ./warden-data.",
            "Exit codes: 0 ok, 1 the action failed, 2 usage, 3 host unreachable or token refused."
        })
public final class Ctl implements Callable<Integer> {

    @Option(names = "--url", scope = ScopeType.INHERIT, description = "the host's address (or WARDEN_URL)")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, description = "the admin token (or WARDEN_TOKEN)")
    String token;

    @Option(names = "--data", scope = ScopeType.INHERIT, description = "the data dir of a host on this machine")
    Path data;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON instead of a table")
    boolean json;

    /**
     * Every subcommand. Only the one asked for is added to the parser: picocli builds a command's model by
     * reflection, and doing that for all of them would be a third of ctl's start-up.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            StatusCommand.class,
            StatusCommand.Top.class,
            ControlCommand.Start.class,
            ControlCommand.Stop.class,
            ControlCommand.Restart.class,
            ControlCommand.Reload.class,
            LogsCommand.class,
            CrashCommands.Crashes.class,
            CrashCommands.Crash.class,
            MetricsCommand.class,
            ConfigCommands.Update.class,
            ConfigCommands.CheckConfig.class,
            AlertCommands.Alerts.class,
            AlertCommands.Silence.class);

    /** Options of this command that take a value, to find the subcommand's name behind them. */
    private static final Set<String> VALUED = Set.of("--url", "--token", "--data");

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    private Api api;

    Ctl(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** What {@code java -jar warden.jar ctl ...} runs; the exit code. */
    public static int run(String... args) {
        return run(args, System.getenv(), System.out, System.err);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Ctl ctl = new Ctl(env, out, err);
        CommandLine cl = new CommandLine(ctl);
        String asked = subcommand(args);
        for (Class<?> sub : SUBCOMMANDS) {
            if (asked == null || asked.equals(sub.getAnnotation(Command.class).name())) {
                cl.addSubcommand(sub);
            }
        }
        if (cl.getSubcommands().isEmpty()) {
            // A misspelt name: with every subcommand known, picocli can say which one was meant.
            SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof CtlException c) {
                err.println("warden ctl: " + c.getMessage());
                return c.exitCode;
            }
            throw e;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The first argument that is not an option or an option's value; null when there is none. */
    static String subcommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (VALUED.contains(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    /** No subcommand: the usage, and the exit code of a bad command line. */
    @Override
    public Integer call() {
        CommandLine all = new CommandLine(new Ctl(env, out, err));
        SUBCOMMANDS.forEach(all::addSubcommand);
        all.usage(err);
        return CtlException.USAGE;
    }

    Api api() {
        if (api == null) {
            api = new Api(Target.resolve(url, token, data, env));
        }
        return api;
    }

    /** The API's answer as it came, indented. */
    void printJson(String body) {
        out.println(JsonText.pretty(body));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Ctl.class.getPackage().getImplementationVersion();
            return new String[] {"warden ctl " + (v == null ? "(development build)" : v)};
        }
    }
}
