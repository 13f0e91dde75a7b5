package warden.host.supervisor;

/**
 * Extra behaviour for a child whose stdout is a protocol rather than a log (plugins). The supervisor creates one per
 * run from {@link ChildSpec#attachment()} and calls it on the host context, in this order: {@code started}, any number
 * of {@code stdout}, then {@code exited} exactly once.
 *
 * <p>For a child with an attachment, stdout lines go here and are not logged; stderr is still captured as its log.
 */
public interface ChildAttachment {

    /**
     * The longest stdout line handed over whole, in chars (the plugin protocol's 1 MiB frame). A longer line arrives cut
     * to more than this, never to this or less, so the attachment can tell it was too long.
     */
    int MAX_LINE_CHARS = 1 << 20;

    void started(ChildChannel channel);

    /** One line of stdout, without its newline; see {@link #MAX_LINE_CHARS}. */
    void stdout(String line);

    /** The process is gone, whatever the cause. */
    void exited(int exitCode);
}
