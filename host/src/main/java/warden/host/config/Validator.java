package warden.host.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules Jackson cannot check: required keys, the id syntax, unique ids, regexes that compile, numbers in range.
 * Sections owned by other capabilities validate themselves in their records' constructors; this covers the listener,
 * the services and what the loader itself relies on.
 */
final class Validator {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /** The shortest admin token accepted (the HTTP layer refuses shorter ones from the environment or the file). */
    static final int MIN_TOKEN = 16;

    private final Origins origins;

    Validator(Origins origins) {
        this.origins = origins;
    }

    void check(WardenConfig config) throws ConfigException {
        int port = config.http().port();
        if (port < 0 || port > 65535) {
            throw ConfigException.at(
                    origins, "http.port", port + " is not a port; use 1-65535, or 0 for any free port");
        }
        if (config.http().host() == null || config.http().host().isBlank()) {
            throw ConfigException.at(origins, "http.host", "missing; use an address such as 127.0.0.1 or 0.0.0.0");
        }
        keep(config.storage().keepPerChild(), "storage.keepPerChild");
        String token = config.http().adminToken();
        if (token != null && !token.isBlank() && token.strip().length() < MIN_TOKEN) {
            throw ConfigException.at(
                    origins,
                    "http.adminToken",
                    "is " + token.strip().length() + " characters; an admin token needs at least " + MIN_TOKEN
                            + " (leave it out and Warden generates one in the data dir)");
        }
        positive(config.plugins().commandTimeout(), "plugins.commandTimeout");
        if (config.plugins().timeoutsBeforeRestart() < 1) {
            throw ConfigException.at(
                    origins,
                    "plugins.timeoutsBeforeRestart",
                    config.plugins().timeoutsBeforeRestart() + " is too small; use 1 or more");
        }
        Map<String, String> seen = new java.util.LinkedHashMap<>();
        List<ServiceConfig> services = config.services();
        for (int i = 0; i < services.size(); i++) {
            service(services.get(i), Origins.element("services", i), seen);
        }
        new SectionRules(origins).check(config);
        AlertRules.check(config.alerts(), origins);
        influx(config.export().influx());
        ChatConfig.Game game = config.chat().game();
        if (game.enabled() && !seen.containsKey(game.childId())) {
            String close = Suggestions.closest(game.childId(), List.copyOf(seen.keySet()));
            throw ConfigException.at(
                    origins,
                    "chat.game.childId",
                    Binder.quote(game.childId()) + " is not the id of a service"
                            + (close != null
                                    ? "; did you mean " + Binder.quote(close) + "?"
                                    : seen.isEmpty()
                                            ? "; add the game server under services"
                                            : "; services: " + String.join(", ", seen.keySet())));
        }
    }

    private void influx(ExportConfig.Influx influx) throws ConfigException {
        if (!influx.enabled()) {
            return;
        }
        String url = influx.url() == null ? "" : influx.url();
        if (!url.matches("https?://[^/\\s]+/?")) {
            throw ConfigException.at(
                    origins,
                    "export.influx.url",
                    Binder.quote(url) + " is not a server's base URL; use http://host:port or https://host:port");
        }
        positive(influx.step(), "export.influx.step");
        if (influx.step().compareTo(Duration.ofSeconds(1)) < 0) {
            throw ConfigException.at(origins, "export.influx.step", "is under 1s; use at least 1s");
        }
        if (influx.version() == ExportConfig.InfluxVersion.V2) {
            for (String[] required : new String[][] {{"org", influx.org()}, {"bucket", influx.bucket()}}) {
                if (required[1] == null || required[1].isBlank()) {
                    throw ConfigException.at(
                            origins, "export.influx." + required[0], "missing; InfluxDB 2 (version: v2) needs it");
                }
            }
            if (blank(influx.token()) && blank(influx.tokenEnv())) {
                throw ConfigException.at(
                        origins, "export.influx.token", "missing; InfluxDB 2 needs a token (or tokenEnv naming one)");
            }
            if (influx.retention()) {
                throw ConfigException.at(
                        origins,
                        "export.influx.retention",
                        "is for InfluxDB 1 only; in InfluxDB 2 the bucket's own retention applies");
            }
        } else if (blank(influx.db())) {
            throw ConfigException.at(origins, "export.influx.db", "missing; InfluxDB 1 (version: v1) writes to a db");
        }
        positive(influx.rawRetention(), "export.influx.rawRetention");
        positive(influx.hourlyRetention(), "export.influx.hourlyRetention");
        positive(influx.dailyRetention(), "export.influx.dailyRetention");
        if (influx.rawRetention().compareTo(Duration.ofHours(1)) < 0) {
            throw ConfigException.at(
                    origins,
                    "export.influx.rawRetention",
                    "is under 1h, InfluxDB's shortest retention; use 1h or more");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private void keep(int n, String path) throws ConfigException {
        if (n < 1) {
            throw ConfigException.at(origins, path, n + " keeps nothing; use a whole number of at least 1");
        }
    }

    private void service(ServiceConfig s, String path, Map<String, String> seen) throws ConfigException {
        if (s.id() == null) {
            throw ConfigException.at(origins, path + ".id", "missing; every service needs an id, e.g. id: game");
        }
        if (!ID.matcher(s.id()).matches()) {
            throw ConfigException.at(
                    origins,
                    path + ".id",
                    Binder.quote(s.id()) + " is not a valid id; use lowercase letters, digits, - and _,"
                            + " starting with a letter or digit");
        }
        String first = seen.putIfAbsent(s.id(), path);
        if (first != null) {
            throw ConfigException.at(origins, path + ".id", Binder.quote(s.id()) + " is already the id of " + first);
        }
        if (s.command() == null || s.command().isEmpty()) {
            throw ConfigException.at(
                    origins,
                    path + ".command",
                    "missing; give the command line as a list, e.g. command: [java, -jar, server.jar]");
        }
        if (s.ready() != null) {
            try {
                Pattern.compile(s.ready());
            } catch (PatternSyntaxException e) {
                throw ConfigException.at(
                        origins,
                        path + ".ready",
                        Binder.quote(s.ready()) + " is not a valid regex: " + e.getDescription());
            }
        }
        positive(s.settle(), path + ".settle");
        positive(s.readyTimeout(), path + ".readyTimeout");
        positive(s.stop().timeout(), path + ".stop.timeout");
        if (s.output().maxLinesPerSecond() < 1 || s.output().maxBytesPerSecond() < 1) {
            throw ConfigException.at(
                    origins,
                    path
                            + (s.output().maxLinesPerSecond() < 1
                                    ? ".output.maxLinesPerSecond"
                                    : ".output.maxBytesPerSecond"),
                    "must be 1 or more");
        }
        ServiceConfig.RestartConfig r = s.restart();
        positive(r.backoff(), path + ".restart.backoff");
        positive(r.maxBackoff(), path + ".restart.maxBackoff");
        positive(r.resetAfter(), path + ".restart.resetAfter");
        positive(r.crashLoopWindow(), path + ".restart.crashLoopWindow");
        if (r.maxBackoff().compareTo(r.backoff()) < 0) {
            throw ConfigException.at(
                    origins,
                    path + ".restart.maxBackoff",
                    Durations.format(r.maxBackoff()) + " is shorter than backoff (" + Durations.format(r.backoff())
                            + "); use at least that");
        }
        if (r.crashLoopCrashes() < 1) {
            throw ConfigException.at(
                    origins, path + ".restart.crashLoopCrashes", r.crashLoopCrashes() + " is too small; use 1 or more");
        }
    }

    private void positive(Duration d, String path) throws ConfigException {
        if (d == null) {
            throw ConfigException.at(origins, path, "missing; use " + Durations.SYNTAX);
        }
        if (d.isZero()) {
            throw ConfigException.at(origins, path, "0 is too short; use " + Durations.SYNTAX);
        }
    }
}
