package warden.host.alerts;

/**
 * Where one rule stands for one scope (a child, the host, a disk mount).
 *
 * <pre>
 * INACTIVE -> PENDING -> FIRING -> RESOLVED      the condition held for `for`, then stayed false for keepFiringFor
 *             PENDING -> INACTIVE                the condition went away before `for` was up: nothing is sent
 * </pre>
 *
 * A rule with {@code for: 0} and every event rule go from INACTIVE through PENDING to FIRING in one step. RESOLVED is
 * the end of one alert; the next time the condition holds is a new alert with a new id.
 */
public enum AlertState {
    INACTIVE,
    PENDING,
    FIRING,
    RESOLVED
}
