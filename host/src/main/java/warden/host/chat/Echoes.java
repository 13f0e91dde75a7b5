package warden.host.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What Warden recently wrote to a game server, so that the server's echo of it is never read as a player event: Vintage
 * Story logs every {@code /announce} as {@code [Server Event] Server announced: <text>.}, and a plugin's reply carries
 * text a player chose. An event is an echo when the player name it was parsed from lies inside a line Warden wrote.
 *
 * <p>Owned by the game connector on the host context. Bounded by count and age.
 */
final class Echoes {

    static final int MAX = 64;
    static final Duration KEEP = Duration.ofMinutes(2);

    private record Written(String text, Instant at) {}

    private final Clock clock;
    private final Deque<Written> written = new ArrayDeque<>();

    Echoes(Clock clock) {
        this.clock = clock;
    }

    void remember(String text) {
        if (text.isBlank()) {
            return;
        }
        written.addLast(new Written(text, clock.instant()));
        while (written.size() > MAX) {
            written.removeFirst();
        }
    }

    /** Whether {@code line}'s characters {@code [start, end)} lie within one occurrence of a recently written text. */
    boolean covers(String line, int start, int end) {
        Instant oldest = clock.instant().minus(KEEP);
        while (!written.isEmpty() && written.peekFirst().at().isBefore(oldest)) {
            written.removeFirst();
        }
        for (Written w : written) {
            for (int i = line.indexOf(w.text()); i >= 0; i = line.indexOf(w.text(), i + 1)) {
                if (i <= start && end <= i + w.text().length()) {
                    return true;
                }
            }
        }
        return false;
    }
}
