package warden.host.config;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of the metrics and chat sections, beside {@link Validator}'s: kept out of the records' constructors so
 * that a record holds values and its {@code DEFAULT}, and every rule about what a file may say lives with the
 * validator and names the field.
 */
final class SectionRules {

    private final Origins origins;

    SectionRules(Origins origins) {
        this.origins = origins;
    }

    void check(WardenConfig config) throws ConfigException {
        Duration interval = config.metrics().interval();
        if (interval.isNegative() || (!interval.isZero() && interval.compareTo(Duration.ofSeconds(1)) < 0)) {
            throw ConfigException.at(
                    origins,
                    "metrics.interval",
                    Durations.format(interval) + " is too short; metrics.interval must be 0 (off) or at least 1s");
        }
        Duration history = config.metrics().history();
        if (history.isNegative() || history.isZero()) {
            throw ConfigException.at(
                    origins, "metrics.history", Durations.format(history) + ": metrics.history must be positive");
        }
        ChatConfig.Game game = config.chat().game();
        groups("chat.game.chatPattern", game.chatPattern(), "name", "message");
        groups("chat.game.joinPattern", game.joinPattern(), "name");
        groups("chat.game.leavePattern", game.leavePattern(), "name");
    }

    /** A configured pattern must compile and name the groups the connector reads. */
    private void groups(String path, String regex, String... groups) throws ConfigException {
        if (regex == null) {
            return;
        }
        String key = path.substring(path.lastIndexOf('.') + 1);
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw ConfigException.at(origins, path, key + " is not a valid regex: " + e.getDescription());
        }
        for (String group : groups) {
            if (!regex.contains("(?<" + group + ">")) {
                throw ConfigException.at(origins, path, key + " needs a group (?<" + group + ">...)");
            }
        }
    }
}
