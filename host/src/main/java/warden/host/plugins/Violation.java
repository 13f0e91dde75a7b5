package warden.host.plugins;

/**
 * A breach of the wire protocol by a plugin child; the message is the crash reason after "protocol violation: ".
 * Checked, so that every place that finds one must say what happens to the child.
 */
final class Violation extends Exception {

    Violation(String message) {
        super(message, null, false, false);
    }
}
