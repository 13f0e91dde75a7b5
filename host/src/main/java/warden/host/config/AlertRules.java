package warden.host.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import warden.host.config.AlertsConfig.Channel;
import warden.host.config.AlertsConfig.ChannelType;
import warden.host.config.AlertsConfig.Rule;

/**
 * Every rule of the {@code alerts} section, in one place: the loader checks the file's rules with it, and the API
 * checks a rule sent to {@code POST /api/v1/alerts/rules} with it, so both say the same thing about the same mistake.
 */
public final class AlertRules {

    /** The comparisons a series rule may use. */
    public static final List<String> COMPARISONS = List.of(">", ">=", "<", "<=", "==", "!=");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern SCOPE = Pattern.compile("\\*|host|system|disk:.+|kind:(service|plugin)|[a-z0-9_*?-]+");
    private static final List<String> STARTTLS = List.of("required", "optional", "disabled");

    private final Origins origins;

    private AlertRules(Origins origins) {
        this.origins = origins;
    }

    /**
     * A rule sent as JSON, bound and checked as if it were in the file; the message names {@code source}, the field and
     * what is allowed. {@code channels} are the configured channel names the rule may use.
     */
    public static Rule parse(String json, String source, Set<String> channels) throws ConfigException {
        Origins origins = new Origins(source);
        ObjectNode node = YamlTree.read(json, origins);
        Rule rule = Binder.bind(node, Rule.class, origins);
        new AlertRules(origins).rule(rule, "", channels);
        return rule;
    }

    /** The rule as the file would say it ({@code for: 5m}, {@code severity: critical}): what the API lists. */
    public static String write(Rule rule) {
        ObjectNode node = (ObjectNode) Completer.toTree(rule);
        if (node.has("holdFor")) {
            node.set("for", node.remove("holdFor"));
        }
        return node.toString();
    }

    /** A duration in the file's syntax ({@code 90s}, {@code 2h}), or null when {@code text} is not one. */
    public static Duration duration(String text) {
        return text == null ? null : Durations.parse(text);
    }

    /** The whole section, from {@link Validator}. */
    static void check(AlertsConfig alerts, Origins origins) throws ConfigException {
        AlertRules check = new AlertRules(origins);
        Set<String> channels = new LinkedHashSet<>();
        for (int i = 0; i < alerts.channels().size(); i++) {
            check.channel(alerts.channels().get(i), Origins.element("alerts.channels", i), channels);
        }
        for (int i = 0; i < alerts.defaultChannels().size(); i++) {
            check.known(alerts.defaultChannels().get(i), Origins.element("alerts.defaultChannels", i), channels);
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < alerts.rules().size(); i++) {
            Rule rule = alerts.rules().get(i);
            String path = Origins.element("alerts.rules", i);
            check.rule(rule, path, channels);
            if (!names.add(rule.name())) {
                throw ConfigException.at(
                        origins, Origins.child(path, "name"), Binder.quote(rule.name()) + " is already a rule's name");
            }
        }
        check.positive(alerts.repeat(), "alerts.repeat");
        check.positive(alerts.retention(), "alerts.retention");
        double disk = alerts.builtin().diskPercent();
        if (disk <= 0 || disk > 100) {
            throw ConfigException.at(origins, "alerts.builtin.diskPercent", disk + " is not a percentage; use 1-100");
        }
        check.positive(alerts.builtin().noSamplesFor(), "alerts.builtin.noSamplesFor");
    }

    private void rule(Rule r, String path, Set<String> channels) throws ConfigException {
        if (r.name() == null || !NAME.matcher(r.name()).matches()) {
            throw ConfigException.at(
                    origins,
                    Origins.child(path, "name"),
                    (r.name() == null ? "missing" : Binder.quote(r.name()) + " is not a valid name")
                            + "; use letters, digits, ., - and _, e.g. name: high-cpu");
        }
        if ((r.series() == null) == (r.event() == null)) {
            throw ConfigException.at(
                    origins,
                    path,
                    "give exactly one of series (e.g. series: cpu) and event (one of: "
                            + String.join(", ", EnumNames.all(AlertsConfig.Event.class)) + ")");
        }
        if (!SCOPE.matcher(r.scope()).matches()) {
            throw ConfigException.at(
                    origins,
                    Origins.child(path, "scope"),
                    Binder.quote(r.scope()) + " is not a scope; use a child id or glob (game, plugin-*), kind:service,"
                            + " kind:plugin, host, system, disk:/mount or disk:*");
        }
        if (r.series() != null) {
            if (r.comparison() == null || !COMPARISONS.contains(r.comparison().strip())) {
                throw ConfigException.at(
                        origins,
                        Origins.child(path, "comparison"),
                        (r.comparison() == null ? "missing" : Binder.quote(r.comparison()) + " is not allowed")
                                + "; use one of: " + String.join(" ", COMPARISONS));
            }
            if (r.threshold() == null || r.threshold().isNaN()) {
                throw ConfigException.at(
                        origins, Origins.child(path, "threshold"), "missing; a series rule needs a number, e.g. 90");
            }
        }
        notNegative(r.holdFor(), Origins.child(path, "for"));
        notNegative(r.keepFiringFor(), Origins.child(path, "keepFiringFor"));
        notNegative(r.cooldown(), Origins.child(path, "cooldown"));
        if (r.repeat() != null) {
            positive(r.repeat(), Origins.child(path, "repeat"));
        }
        for (int i = 0; i < r.channels().size(); i++) {
            known(r.channels().get(i), Origins.element(Origins.child(path, "channels"), i), channels);
        }
    }

    private void channel(Channel c, String path, Set<String> names) throws ConfigException {
        if (c.name() == null || !NAME.matcher(c.name()).matches()) {
            throw ConfigException.at(
                    origins,
                    Origins.child(path, "name"),
                    (c.name() == null ? "missing" : Binder.quote(c.name()) + " is not a valid name")
                            + "; use letters, digits, ., - and _, e.g. name: ops-webhook");
        }
        if (!names.add(c.name())) {
            throw ConfigException.at(
                    origins, Origins.child(path, "name"), Binder.quote(c.name()) + " is already a channel's name");
        }
        if (c.type() == null) {
            throw ConfigException.at(
                    origins,
                    Origins.child(path, "type"),
                    "missing; use one of: " + String.join(", ", EnumNames.all(ChannelType.class)));
        }
        boolean http = c.type() != ChannelType.EMAIL && c.type() != ChannelType.CHAT;
        if (http && c.url() == null && c.urlEnv() == null) {
            throw ConfigException.at(
                    origins,
                    Origins.child(path, "url"),
                    "missing; a " + EnumNames.of(c.type()) + " channel needs url (or urlEnv naming the environment"
                            + " variable that holds it)");
        }
        if (c.url() != null && !c.url().startsWith("http://") && !c.url().startsWith("https://")) {
            throw ConfigException.at(
                    origins, Origins.child(path, "url"), "is not an http:// or https:// URL"); // never echo a secret
        }
        if (c.type() == ChannelType.EMAIL && c.to().isEmpty()) {
            throw ConfigException.at(
                    origins, Origins.child(path, "to"), "missing; an email channel needs recipients, e.g. [ops@x.org]");
        }
        if (!STARTTLS.contains(c.smtp().starttls())) {
            throw ConfigException.at(
                    origins,
                    Origins.child(path, "smtp.starttls"),
                    Binder.quote(c.smtp().starttls()) + " is not allowed; use one of: " + String.join(", ", STARTTLS));
        }
        positive(c.timeout(), Origins.child(path, "timeout"));
        notNegative(c.backoff(), Origins.child(path, "backoff"));
        if (c.queue() < 1) {
            throw ConfigException.at(origins, Origins.child(path, "queue"), c.queue() + " is too small; use 1 or more");
        }
        if (c.retries() < 0 || c.retries() > 10) {
            throw ConfigException.at(
                    origins, Origins.child(path, "retries"), c.retries() + " is not allowed; use 0-10");
        }
    }

    private void known(String channel, String path, Set<String> channels) throws ConfigException {
        if (!channels.contains(channel)) {
            String close = Suggestions.closest(channel, List.copyOf(channels));
            throw ConfigException.at(
                    origins,
                    path,
                    Binder.quote(channel) + " is not a channel"
                            + (close != null
                                    ? "; did you mean " + Binder.quote(close) + "?"
                                    : channels.isEmpty()
                                            ? "; add it under alerts.channels"
                                            : "; channels: " + String.join(", ", channels)));
        }
    }

    private void positive(Duration d, String path) throws ConfigException {
        if (d == null || d.isZero() || d.isNegative()) {
            throw ConfigException.at(origins, path, "must be longer than 0; use " + Durations.SYNTAX);
        }
    }

    private void notNegative(Duration d, String path) throws ConfigException {
        if (d.isNegative()) {
            throw ConfigException.at(origins, path, "must not be negative; use " + Durations.SYNTAX);
        }
    }
}
