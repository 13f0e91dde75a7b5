package warden.host.alerts;

/**
 * What the {@link Evaluator} decided, for the {@link AlertService} to record and deliver. Kept apart so the evaluator
 * can be tested (and benchmarked) with no storage and no channel behind it.
 */
interface Outbox {

    /** {@code t} moved from {@code from} to its current state. */
    void transition(Track t, AlertState from, long atMs);

    /** A notification about {@code t} is to be delivered to its rule's channels. */
    void notice(Track t, Notice kind, long atMs);

    /** A notification about {@code t} was held back: silenced, in cooldown, or acknowledged. */
    void suppressed(Track t, Notice kind, String why, long atMs);
}
