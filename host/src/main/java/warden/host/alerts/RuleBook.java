package warden.host.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.config.AlertRules;
import warden.host.config.AlertsConfig;
import warden.host.config.AlertsConfig.Rule;
import warden.host.config.ConfigException;

/**
 * The three kinds of rules under one namespace: built-in, from the file, and stored through the API. Stored rules are
 * checked by {@link AlertRules}, the same checks as the file's; a name already taken by a built-in or file rule is a
 * conflict, so a file rule cannot be edited away from the API. Owned by the {@link AlertService}, on the host context.
 */
final class RuleBook {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    private AlertsConfig config;
    private Map<String, CompiledRule> fixed = new LinkedHashMap<>();
    private Map<String, CompiledRule> stored = new LinkedHashMap<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();

    RuleBook(AlertsConfig config) {
        this.config = config;
        fixed = fixedRules(config, Map.of());
    }

    /** Stored rules as read at start; one that no longer passes (a channel was removed from the file) is skipped. */
    void load(Map<String, String> rows) {
        // Every stored body is kept, also one skipped now: a reload that brings its channel back revives it.
        bodies.clear();
        bodies.putAll(rows);
        stored = storedRules(bodies, Map.of());
    }

    /**
     * The file's rules, built-ins and channels of a config reload. A rule that did not change keeps its compiled
     * instance, and so its open alerts; a changed one is new to the evaluator, which resolves what the old one had
     * open. Stored rules are checked again against the new channels and against the file's names, as at start-up.
     */
    void reconfigure(AlertsConfig next) {
        Map<String, CompiledRule> before = new LinkedHashMap<>(fixed);
        before.putAll(stored);
        boolean sameRepeat = next.repeat().equals(config.repeat());
        config = next;
        fixed = fixedRules(next, sameRepeat ? before : Map.of());
        stored = storedRules(bodies, sameRepeat ? before : Map.of());
    }

    private static Map<String, CompiledRule> fixedRules(AlertsConfig config, Map<String, CompiledRule> keep) {
        Map<String, CompiledRule> rules = new LinkedHashMap<>();
        for (Rule r : Builtins.of(config)) {
            rules.put(r.name(), compiled(r, CompiledRule.Origin.BUILTIN, config, keep));
        }
        for (Rule r : config.rules()) {
            // A file rule with a built-in's name replaces it: that is how a built-in is tuned.
            rules.put(r.name(), compiled(r, CompiledRule.Origin.FILE, config, keep));
        }
        return rules;
    }

    private Map<String, CompiledRule> storedRules(Map<String, String> rows, Map<String, CompiledRule> keep) {
        Map<String, CompiledRule> rules = new LinkedHashMap<>();
        rows.forEach((name, body) -> {
            try {
                Rule r = AlertRules.parse(body, "stored rule " + name, channelNames());
                if (!fixed.containsKey(r.name())) {
                    rules.put(r.name(), compiled(r, CompiledRule.Origin.STORED, config, keep));
                }
            } catch (ConfigException e) {
                LOG.warn("stored alert rule skipped: {}", e.getMessage());
            }
        });
        return rules;
    }

    private static CompiledRule compiled(
            Rule r, CompiledRule.Origin origin, AlertsConfig config, Map<String, CompiledRule> keep) {
        CompiledRule old = keep.get(r.name());
        return old != null && old.origin == origin && old.rule.equals(r)
                ? old
                : new CompiledRule(r, origin, config.repeat());
    }

    List<CompiledRule> all() {
        List<CompiledRule> all = new ArrayList<>(fixed.values());
        all.addAll(stored.values());
        return all;
    }

    List<RuleView> views() {
        return all().stream()
                .map(c -> new RuleView(
                        c.rule,
                        c.origin.name().toLowerCase(java.util.Locale.ROOT),
                        c.origin == CompiledRule.Origin.STORED))
                .toList();
    }

    /**
     * Checks {@code body} and, if {@code name} is given (a replace), that it names the same stored rule. Returns the
     * rule; throws IllegalArgumentException for a bad rule, IllegalStateException for a name conflict.
     */
    Rule check(String body, String name) {
        Rule r;
        try {
            r = AlertRules.parse(body, "request body", channelNames());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (fixed.containsKey(r.name())) {
            throw new IllegalStateException("rule " + r.name() + " is "
                    + fixed.get(r.name()).origin.name().toLowerCase(java.util.Locale.ROOT)
                    + " and cannot be changed through the API; edit the config file");
        }
        if (name == null && stored.containsKey(r.name())) {
            throw new IllegalStateException(
                    "rule " + r.name() + " exists; PUT /alerts/rules/" + r.name() + " to change it");
        }
        if (name != null && !name.equals(r.name())) {
            throw new IllegalArgumentException("the body names rule " + r.name() + " but the path names " + name);
        }
        return r;
    }

    void put(Rule r, String body) {
        stored.put(r.name(), new CompiledRule(r, CompiledRule.Origin.STORED, config.repeat()));
        bodies.put(r.name(), body);
    }

    /** Throws for a rule that is not stored: NoSuchElement when unknown, IllegalState for a file or built-in rule. */
    void requireStored(String name) {
        if (fixed.containsKey(name)) {
            throw new IllegalStateException("rule " + name + " is not stored through the API; edit the config file");
        }
        if (!stored.containsKey(name)) {
            throw new NoSuchElementException("no rule " + name);
        }
    }

    void remove(String name) {
        stored.remove(name);
        bodies.remove(name);
    }

    Set<String> channelNames() {
        Set<String> names = new LinkedHashSet<>();
        config.channels().forEach(c -> names.add(c.name()));
        return names;
    }
}
