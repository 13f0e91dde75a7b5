package warden.host.alerts;

import warden.host.config.AlertsConfig.Rule;

/**
 * A rule as the API lists it.
 *
 * @param origin {@code builtin}, {@code file} or {@code stored}; only stored rules can be changed or deleted through
 *     the API (a file rule is edited in the file, a built-in one switched off under {@code alerts.builtin})
 */
public record RuleView(Rule rule, String origin, boolean editable) {}
