package warden.host.supervisor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The last lines of one child's output, across its runs, in memory. Owned by its {@link Child}, on the host context. */
final class OutputTail {

    private final int capacity;
    private final ArrayDeque<OutputLine> lines;

    OutputTail(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
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
