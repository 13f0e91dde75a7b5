package warden.host.supervisor;

/**
 * What the supervisor hands a {@link ChildAttachment} for one run of a child: its stdin and the two verdicts only the
 * protocol layer can give. Valid until {@link ChildAttachment#exited}; calls after that are ignored.
 */
public interface ChildChannel {

    /** Writes one line (a newline is added) to the child's stdin without blocking the caller. */
    void write(String line);

    /** The child said it is ready: STARTING becomes RUNNING. {@code version} may be null. */
    void ready(String version);

    /** The child broke its contract: it is killed and the crash record carries {@code reason}. */
    void fail(String reason);

    /** The process id of this run. */
    long pid();
}
