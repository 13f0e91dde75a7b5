package warden.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One supervised command: the game server, or anything else.
 *
 * @param ready a regex matched against each output line; null to use {@code settle}
 * @param settle how long the child must stay up to count as running when there is no {@code ready} pattern
 * @param game the console dialect for players and chat: "vintagestory", "minetest" or null
 */
public record ServiceConfig(
        String id,
        List<String> command,
        Path workingDir,
        Map<String, String> env,
        String ready,
        Duration settle,
        StopConfig stop,
        RestartConfig restart,
        String game) {

    /** {@code stop: { command: /stop, timeout: 30s }}. */
    public record StopConfig(String command, Duration timeout) {}

    /** {@code restart: { policy: on-failure, backoff: 1s, maxBackoff: 60s, resetAfter: 60s, ... }}. */
    public record RestartConfig(
            String policy,
            Duration backoff,
            Duration maxBackoff,
            Duration resetAfter,
            Integer crashLoopCrashes,
            Duration crashLoopWindow) {}
}
