package warden.host.config;

import java.util.List;
import java.util.Locale;

/** "Did you mean": the known name closest to a misspelt one, by edit distance, ignoring case. */
final class Suggestions {

    private Suggestions() {}

    /** The closest of {@code known}, or null when none is close enough to be a plausible typo. */
    static String closest(String wrong, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(wrong.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // A third of the word may be wrong, but at least two edits are forgiven (a swapped pair of letters), as long
        // as something of the word is left.
        boolean plausible = bestDistance <= Math.max(2, wrong.length() / 3) && bestDistance < wrong.length();
        return plausible ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
