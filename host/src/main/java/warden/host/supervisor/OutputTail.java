package warden.host.supervisor;

import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import warden.host.bus.Addresses;

/**
 * One child's output as the host sees it: the last lines across its runs, in memory, and the batches published on
 * {@code Addresses.CHILD_OUTPUT}. Owned by its {@link Child}, on the host context.
 */
final class OutputTail {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutputTail.class);

    private final String childId;
    private final Shared shared;
    private final int capacity;
    private final ArrayDeque<OutputLine> lines;

    OutputTail(String childId, Shared shared) {
        this.childId = childId;
        this.shared = shared;
        this.capacity = shared.options().tailLines();
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /**
     * Takes one batch of run {@code r}: an attachment's stdout goes to the attachment (protocol, not output), every
     * other line into the tail and onto the bus. True when a line matched {@code ready} (null: nobody is waiting).
     */
    boolean route(Run r, List<OutputLine> batch, long dropped, Pattern ready) {
        JsonArray published = new JsonArray();
        if (dropped > 0) {
            String text = "[warden: " + dropped + " lines not shown here, see the log file]";
            OutputLine note = new OutputLine(shared.clock().instant(), "err", text);
            add(note);
            published.add(Events.line(note));
        }
        boolean matched = false;
        for (OutputLine line : batch) {
            if (r.attachment != null && line.stream().equals("out")) {
                if (!r.over) {
                    try {
                        r.attachment.stdout(line.text());
                    } catch (RuntimeException e) {
                        LOG.error("attachment of {} failed on a line; the line is lost", childId, e);
                    }
                }
                continue;
            }
            add(line);
            published.add(Events.line(line));
            matched = matched || (ready != null && ready.matcher(line.text()).find());
        }
        if (!published.isEmpty()) {
            shared.vertx().eventBus().publish(Addresses.CHILD_OUTPUT, Events.output(childId, published));
        }
        return matched;
    }

    void add(OutputLine line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The last {@code max} lines, oldest first. */
    List<OutputLine> last(int max) {
        int n = Math.max(0, Math.min(max, lines.size()));
        List<OutputLine> out = new ArrayList<>(n);
        Iterator<OutputLine> it = lines.descendingIterator();
        for (int i = 0; i < n; i++) {
            out.add(it.next());
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The last {@code max} lines as a crash record stores them: "at stream text". */
    List<String> lastAsText(int max) {
        List<String> out = new ArrayList<>();
        for (OutputLine l : last(max)) {
            out.add(l.at() + " " + l.stream() + " " + l.text());
        }
        return out;
    }
}
