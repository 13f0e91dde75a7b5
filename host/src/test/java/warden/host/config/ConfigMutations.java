package warden.host.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Config files gone wrong, made from valid ones: random characters, truncations, values of the wrong type, deep
 * nesting, huge numbers, unknown and repeated keys, aliases. {@link #verdict} says whether the loader took a mutant
 * as it must: a config, or a {@link ConfigException} that names the file, never any other exception.
 */
final class ConfigMutations {

    /** Valid configs touching every section, the embedded default first. */
    static final List<String> BASES = List.of(
            embeddedDefault(),
            """
            http: {host: 127.0.0.1, port: 0, metricsPublic: false, thresholds: {warnPercent: 60, critPercent: 90}}
            data: state
            metrics: {interval: 5s, history: 1h30m, rawRetention: 24h, minuteRetention: 7d, hourRetention: 90d}
            storage: {keepPerChild: 500}
            plugins:
              dir: ${data}/plugins
              watch: false
              commandPrefix: "!"
              heartbeat: 1s
              commandTimeout: 10s
              external: [{id: echo, command: [python3, echo.py]}]
              config: {echo: {greeting: hi, times: 3}}
            services:
              - id: game
                command: [java, -jar, server.jar, nogui]
                env: {JAVA_OPTS: -Xmx1g}
                ready: "Server started"
                settle: 2s
                readyTimeout: 5m
                stop: {command: /stop, timeout: 30s}
                restart: {policy: always, backoff: 1s, maxBackoff: 1m, resetAfter: 60s, crashLoopCrashes: 5,
                          crashLoopWindow: 5m}
                output: {maxLinesPerSecond: 1000, maxBytesPerSecond: 1048576}
                game: minetest
              - {id: helper, command: [sh, -c, "sleep 1"]}
            chat:
              console: false
              commandsPerMinute: 12
              irc: {enabled: true, server: irc.example, port: 6697, tls: true, nick: warden, channels: ["#ops"],
                    adminMasks: ["alice!*@*"], replyInterval: 500ms}
              game: {enabled: true, childId: game, admins: [alice]}
            export:
              prometheus: true
              influx: {enabled: true, url: "http://127.0.0.1:8086", version: v2, step: 10s, org: o, bucket: b,
                       tokenEnv: INFLUX_TOKEN}
            """);

    /** Values put where another type belongs. */
    private static final List<String> VALUES = List.of(
            "-1",
            "0",
            "99999999999999999999999999999",
            "1e400",
            "-1e400",
            ".nan",
            ".inf",
            "0x7fffffff",
            "1.5",
            "[]",
            "{}",
            "[a, b]",
            "{a: b}",
            "null",
            "~",
            "yes",
            "no",
            "on",
            "\"\"",
            "\"text\"",
            "!!binary aGk=",
            "!!float 1",
            "&x value",
            "*undefined",
            "'''",
            "\"\\u0000\"",
            "2147483648",
            "-9223372036854775809",
            "1h-5m",
            "P1D",
            "5 s",
            "🙂",
            "${nope}",
            "${data}",
            "|\n  block",
            ">-",
            "? complex",
            "- item");

    private static final String NOISE = ":{}[],-#&*!|>'\"%@`\t\n \\?~0123456789.eE+xyz\u0000\u00e9\u2028🙂";

    private ConfigMutations() {}

    /** One to three mutations of one base, all chosen by {@code random}; now and then raw bytes too (not UTF-8). */
    static byte[] mutant(Random random) {
        String text = BASES.get(random.nextInt(BASES.size()));
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            text = mutate(text, random);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8); // a split surrogate pair becomes '?'
        if (random.nextInt(8) == 0 && bytes.length > 0) {
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
        }
        return bytes;
    }

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) {
            lines.add(""); // truncated to nothing
        }
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        switch (random.nextInt(10)) {
            case 0 -> { // characters
                StringBuilder b = new StringBuilder(text);
                for (int i = 1 + random.nextInt(5); i > 0 && !b.isEmpty(); i--) {
                    b.setCharAt(random.nextInt(b.length()), NOISE.charAt(random.nextInt(NOISE.length())));
                }
                return b.toString();
            }
            case 1 -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            case 2, 3 -> lines.set(at, replaceValue(line, VALUES.get(random.nextInt(VALUES.size()))));
            case 4 -> lines.set(at, replaceValue(line, nested(random.nextInt(3000), random.nextBoolean())));
            case 5 -> lines.add(at, indent(line) + "unknownKey" + random.nextInt(100) + ": 1");
            case 6 -> lines.add(at, line);
            case 7 -> lines.remove(at);
            case 8 -> lines.set(at, replaceValue(line, "\"" + "x".repeat(random.nextInt(50_000)) + "\""));
            default -> lines.add(0, laughs());
        }
        return String.join("\n", lines) + "\n";
    }

    private static String replaceValue(String line, String value) {
        int colon = line.indexOf(": ");
        if (colon < 0) {
            return line.startsWith(indent(line) + "- ") ? indent(line) + "- " + value : line + " " + value;
        }
        return line.substring(0, colon + 2) + value;
    }

    private static String indent(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }

    private static String nested(int depth, boolean lists) {
        return lists ? "[".repeat(depth) + "]".repeat(depth) : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** The billion laughs: aliases that expand to far more than the text. */
    private static String laughs() {
        StringBuilder b = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            b.append('l').append(i).append(": &l").append(i).append(" [");
            b.append(("*l" + (i - 1) + ", ").repeat(9))
                    .append("*l")
                    .append(i - 1)
                    .append("]\n");
        }
        return b.toString();
    }

    /**
     * Null when {@code text}, as {@code dir/warden.yaml}, loads or fails with a {@link ConfigException} naming the
     * file; otherwise what went wrong instead.
     */
    static String verdict(Path dir, byte[] text) {
        Path file = dir.resolve("warden.yaml");
        try {
            Files.write(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            new ConfigLoader(Map.of(), dir).load(file);
            return null;
        } catch (ConfigException e) {
            String m = String.valueOf(e.getMessage());
            if (!m.startsWith(file.toString())) {
                return "a message that does not name the file: " + m;
            }
            if (m.contains("\n") || m.matches("(?s).*\\b(java|com\\.fasterxml|org\\.yaml)\\.[a-z]+\\..*")) {
                return "a message with a stack trace or class names: " + m;
            }
            return null;
        } catch (Throwable t) {
            return t.toString();
        }
    }

    /** The first words of the problem with {@code dir/warden.yaml} as it is, to count mutants by outcome. */
    static String kind(Path dir) {
        try {
            new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
            return "loaded";
        } catch (ConfigException e) {
            String afterWhere = e.getMessage().replaceFirst("^[^ ]*: ", "");
            String problem = afterWhere.replaceFirst("^[a-zA-Z0-9_.\\[\\]]+: ", "");
            return problem.replaceAll("[\"'].*|\\d+.*", "…").strip();
        } catch (Throwable t) {
            return "BROKEN " + t.getClass().getSimpleName();
        }
    }

    private static String embeddedDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.EMBEDDED_DEFAULT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
