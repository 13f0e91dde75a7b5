package warden.host.supervisor;

import java.util.Map;

/**
 * The signal an exit code most likely stands for. The JDK reports a death by signal N as 128+N and cannot tell it from
 * a program calling {@code exit(128+N)}, so this is always a guess, named "likely" wherever it is shown.
 */
final class Signals {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "SIGHUP"),
            Map.entry(2, "SIGINT"),
            Map.entry(3, "SIGQUIT"),
            Map.entry(4, "SIGILL"),
            Map.entry(5, "SIGTRAP"),
            Map.entry(6, "SIGABRT"),
            Map.entry(7, "SIGBUS"),
            Map.entry(8, "SIGFPE"),
            Map.entry(9, "SIGKILL"),
            Map.entry(10, "SIGUSR1"),
            Map.entry(11, "SIGSEGV"),
            Map.entry(12, "SIGUSR2"),
            Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"),
            Map.entry(15, "SIGTERM"),
            Map.entry(24, "SIGXCPU"),
            Map.entry(25, "SIGXFSZ"));

    private Signals() {}

    /** "SIGKILL" for 137 and so on; null for an exit code that is not 128 plus a known signal. */
    static String likely(int exitCode) {
        return exitCode > 128 ? NAMES.get(exitCode - 128) : null;
    }

    /** "exit code 137 (likely SIGKILL)" or "exit code 3". */
    static String describe(int exitCode) {
        String signal = likely(exitCode);
        return signal == null ? "exit code " + exitCode : "exit code " + exitCode + " (likely " + signal + ")";
    }
}
