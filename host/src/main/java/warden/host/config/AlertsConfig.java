package warden.host.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * Alert rules, the built-in ones and where notifications go. A missing {@code alerts:} section gives the built-in
 * rules and no channel: firing alerts are then only in the history, the API and the dashboard.
 *
 * @param builtin the rules that are on unless switched off here
 * @param rules the file's own rules; rules added through the API are stored in SQLite beside them
 * @param channels where notifications are delivered, each under a name the rules refer to
 * @param defaultChannels channels for built-in rules and for rules that name none; empty: every channel
 * @param repeat how often a still-firing, unacknowledged alert is sent again
 * @param retention how long transitions and delivery attempts stay in the history
 */
public record AlertsConfig(
        boolean enabled,
        Builtin builtin,
        List<Rule> rules,
        List<Channel> channels,
        List<String> defaultChannels,
        Duration repeat,
        Duration retention) {

    public static final AlertsConfig DEFAULT = new AlertsConfig(
            true, Builtin.DEFAULT, List.of(), List.of(), List.of(), Duration.ofHours(4), Duration.ofDays(30));

    public AlertsConfig {
        builtin = builtin == null ? Builtin.DEFAULT : builtin;
        rules = rules == null ? List.of() : List.copyOf(rules);
        channels = channels == null ? List.of() : List.copyOf(channels);
        defaultChannels = defaultChannels == null ? List.of() : List.copyOf(defaultChannels);
        repeat = repeat == null ? Duration.ofHours(4) : repeat;
        retention = retention == null ? Duration.ofDays(30) : retention;
    }

    /** What a rule watches for when it is not a series: the supervisor's and the plugin host's own events. */
    public enum Event {
        /** Any unexpected exit, with its exit code, likely signal, uptime, decision and last lines. */
        CRASH,
        /** The restart budget is spent and the child is FAILED. */
        CRASH_LOOP,
        /** The child did not print its ready line within its timeout. */
        NOT_READY,
        /** A plugin reload did not succeed; the old version keeps running. */
        RELOAD_FAILED,
        /** A running child had no metrics sample for the rule's {@code for}. */
        NO_SAMPLES
    }

    public enum Severity {
        WARNING,
        CRITICAL
    }

    public enum ChannelType {
        WEBHOOK,
        SLACK,
        DISCORD,
        ALERTMANAGER,
        EMAIL,
        CHAT
    }

    /**
     * The built-in rules, each on by default.
     *
     * @param diskPercent the threshold of the disk rule, used share of a mount
     * @param noSamplesFor how long a running child may go without a sample
     */
    public record Builtin(
            boolean crash,
            boolean crashLoop,
            boolean notReady,
            boolean reloadFailed,
            boolean disk,
            double diskPercent,
            boolean noSamples,
            Duration noSamplesFor) {

        public static final Builtin DEFAULT =
                new Builtin(true, true, true, true, true, 90, true, Duration.ofMinutes(1));

        public Builtin {
            noSamplesFor = noSamplesFor == null ? Duration.ofMinutes(1) : noSamplesFor;
        }
    }

    /**
     * One rule: a series compared with a threshold, or an event.
     *
     * @param series a series name as the sampler records it ({@code cpu}, {@code rssBytes}, {@code disk.usedPercent},
     *     a plugin's own series ...); exactly one of {@code series} and {@code event}
     * @param scope which sources: a child id or glob ({@code game}, {@code plugin-*}), {@code kind:plugin}, {@code
     *     host}, {@code system}, {@code disk:/srv} or {@code disk:*}; default every child ({@code *})
     * @param comparison one of {@code > >= < <= == !=}
     * @param holdFor how long the condition must hold before the alert fires ({@code for} in the file)
     * @param keepFiringFor how long the condition must stay false before the alert resolves (hysteresis)
     * @param repeat overrides {@code alerts.repeat} for this rule
     * @param cooldown after a resolve, a new firing of the same rule and scope within this is not sent again
     * @param channels channel names; empty: {@code alerts.defaultChannels}
     */
    public record Rule(
            String name,
            String series,
            Event event,
            String scope,
            String comparison,
            Double threshold,
            @JsonProperty("for") @JsonAlias("holdFor") Duration holdFor,
            Duration keepFiringFor,
            Severity severity,
            Duration repeat,
            Duration cooldown,
            List<String> channels) {

        public Rule {
            scope = scope == null || scope.isBlank() ? "*" : scope.strip();
            holdFor = holdFor == null ? Duration.ZERO : holdFor;
            keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
            severity = severity == null ? Severity.WARNING : severity;
            cooldown = cooldown == null ? Duration.ZERO : cooldown;
            channels = channels == null ? List.of() : List.copyOf(channels);
        }
    }

    /**
     * One place notifications go.
     *
     * @param url webhook, Slack or Discord incoming-webhook URL, or the Alertmanager base URL; a secret, never shown
     * @param urlEnv the environment variable holding {@code url} instead, so the file needs no secret
     * @param secret webhook only: the HMAC-SHA256 key; the signature goes in {@code X-Warden-Signature}
     * @param secretEnv the environment variable holding {@code secret}
     * @param to email recipients; chat: where to ({@code admins}, {@code console}, {@code irc:#channel}), empty:
     *     every connector
     * @param timeout per delivery attempt
     * @param retries attempts after the first one fails, each after twice the previous back-off
     * @param backoff the wait before the first retry
     * @param queue notifications held while earlier ones are being delivered; more are dropped and recorded
     */
    public record Channel(
            String name,
            ChannelType type,
            String url,
            String urlEnv,
            String secret,
            String secretEnv,
            List<String> to,
            Smtp smtp,
            Duration timeout,
            Integer retries,
            Duration backoff,
            Integer queue) {

        public Channel {
            to = to == null ? List.of() : List.copyOf(to);
            smtp = smtp == null ? Smtp.DEFAULT : smtp;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            retries = retries == null ? 3 : retries;
            backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
            queue = queue == null ? 100 : queue;
        }
    }

    /**
     * The mail server of an email channel.
     *
     * @param starttls {@code required}, {@code optional} or {@code disabled}
     * @param passwordEnv the environment variable holding {@code password}
     */
    public record Smtp(
            String host, int port, String from, String username, String password, String passwordEnv, String starttls) {

        public static final Smtp DEFAULT = new Smtp("localhost", 25, "warden@localhost", null, null, null, "optional");

        public Smtp {
            host = host == null ? "localhost" : host;
            port = port <= 0 ? 25 : port;
            from = from == null ? "warden@localhost" : from;
            starttls = starttls == null ? "optional" : starttls;
        }
    }
}
