package warden.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One supervised command: the game server, or anything else.
 *
 * @param id unique among services; {@code [a-z0-9][a-z0-9_-]*}
 * @param command the command line, one list item per argument; tokens such as {@code ${java}} are already expanded
 * @param workingDir where the command runs; defaults to the config file's folder
 * @param env added to the host's environment
 * @param ready a regex matched against each output line; null to use {@code settle}
 * @param settle how long the child must stay up to count as running when there is no {@code ready} pattern
 * @param readyTimeout a child not ready within this is killed and counted as a crash
 * @param game the console dialect for players and chat, or null
 * @param output how much of its output is captured per second; lines past it are dropped, counted and marked
 */
public record ServiceConfig(
        String id,
        List<String> command,
        Path workingDir,
        Map<String, String> env,
        String ready,
        Duration settle,
        Duration readyTimeout,
        StopConfig stop,
        RestartConfig restart,
        Dialect game,
        OutputConfig output) {

    /** What a service entry gets for each key it leaves out; id and command have no default. */
    public static final ServiceConfig DEFAULT = new ServiceConfig(
            null,
            null,
            Path.of("."),
            Map.of(),
            null,
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            StopConfig.DEFAULT,
            RestartConfig.DEFAULT,
            null,
            OutputConfig.DEFAULT);

    /**
     * {@code output: { maxLinesPerSecond: 1000, maxBytesPerSecond: 1048576 }}: each a token bucket holding 10 seconds'
     * worth, so a start-up burst passes whole.
     */
    public record OutputConfig(int maxLinesPerSecond, long maxBytesPerSecond) {

        public static final OutputConfig DEFAULT = new OutputConfig(1000, 1024 * 1024);
    }

    /**
     * {@code stop: { command: /stop, timeout: 30s }}: the stdin line, then SIGTERM after {@code timeout}, then SIGKILL
     * after {@code timeout} again.
     */
    public record StopConfig(String command, Duration timeout) {

        public static final StopConfig DEFAULT = new StopConfig(null, Duration.ofSeconds(10));
    }

    /**
     * {@code restart: { policy: on-failure, backoff: 1s, maxBackoff: 60s, resetAfter: 60s, crashLoopCrashes: 5,
     * crashLoopWindow: 5m }}.
     *
     * @param backoff the delay after the second crash in a row; it doubles up to {@code maxBackoff}
     * @param resetAfter running this long counts as stable: the next crash restarts at once
     * @param crashLoopCrashes this many crashes within {@code crashLoopWindow} mark the service FAILED
     */
    public record RestartConfig(
            RestartPolicy policy,
            Duration backoff,
            Duration maxBackoff,
            Duration resetAfter,
            int crashLoopCrashes,
            Duration crashLoopWindow) {

        public static final RestartConfig DEFAULT = new RestartConfig(
                RestartPolicy.ON_FAILURE,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                5,
                Duration.ofMinutes(5));
    }

    /** Written in the file as {@code always}, {@code on-failure}, {@code never}. */
    public enum RestartPolicy {
        /** Restart after any exit that was not asked for, even exit code 0. */
        ALWAYS,
        /** Restart after a non-zero exit; exit 0 means the program chose to stop. */
        ON_FAILURE,
        /** Never restart; the crash is still recorded. */
        NEVER
    }
}
