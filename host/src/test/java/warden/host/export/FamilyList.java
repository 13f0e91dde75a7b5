package warden.host.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric families as docs/http.md lists them and as a scrape has them, in one shape, so a test can say the list
 * is true: name, type, label names (without a histogram's {@code le}) and the unit the name ends in.
 */
final class FamilyList {

    /** {@code always}: false for a family the doc says is there only in some cases (its meaning starts "Only"). */
    record Family(String type, Set<String> labels, String unit, boolean always) {

        /** The same family as {@code other}, ignoring whether it is always there. */
        boolean sameAs(Family other) {
            return type.equals(other.type) && labels.equals(other.labels) && unit.equals(other.unit);
        }
    }

    private static final Pattern ROW =
            Pattern.compile("(?m)^\\| `([a-z0-9_*]+)` \\| (\\w+) \\| ([^|]*) \\| ([^|]*) \\| ([^|]*) \\|$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? ");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    private FamilyList() {}

    /** The rows of every family table in {@code markdown}. */
    static Map<String, Family> documented(String markdown) {
        Map<String, Family> out = new TreeMap<>();
        Matcher m = ROW.matcher(markdown);
        while (m.find()) {
            Set<String> labels = new TreeSet<>();
            for (String l : m.group(3).split(",")) {
                String name = l.strip().replace("`", "");
                if (!name.isEmpty() && !name.equals("—")) {
                    labels.add(name);
                }
            }
            out.put(
                    m.group(1),
                    new Family(
                            m.group(2),
                            labels,
                            m.group(4).strip(),
                            !m.group(5).strip().startsWith("Only")));
        }
        return out;
    }

    /** Every family of a Prometheus text exposition. */
    static Map<String, Family> scraped(String exposition) {
        Map<String, String> types = new TreeMap<>();
        Map<String, Set<String>> labels = new TreeMap<>();
        String current = null;
        for (String line : exposition.split("\n")) {
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                current = t.group(1);
                types.put(current, t.group(2));
                labels.put(current, new TreeSet<>());
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (current != null && s.find() && s.group(2) != null) {
                Matcher l = LABEL.matcher(s.group(2));
                while (l.find()) {
                    if (!l.group(1).equals("le") && !l.group(1).equals("quantile")) {
                        labels.get(current).add(l.group(1));
                    }
                }
            }
        }
        Map<String, Family> out = new TreeMap<>();
        types.forEach((name, type) -> out.put(name, new Family(type, labels.get(name), unit(name), true)));
        return out;
    }

    /**
     * What is wrong with {@code documented} as the list of {@code scraped}: a scraped family missing or different (as
     * the row the doc should have), a documented one that is always there missing from the scrape. The {@code jvm_*}
     * families are one row, since which there are depends on the JVM's collector.
     */
    static List<String> mismatches(Map<String, Family> documented, Map<String, Family> scraped) {
        List<String> wrong = new ArrayList<>();
        scraped.forEach((name, f) -> {
            Family doc = documented.get(name);
            if (!name.startsWith("jvm_") && (doc == null || !doc.sameAs(f))) {
                wrong.add("| `" + name + "` | " + f.type() + " | " + String.join(", ", f.labels()) + " | " + f.unit()
                        + " | (scraped; docs: " + doc + ")");
            }
        });
        documented.forEach((name, doc) -> {
            if (!name.contains("*") && doc.always() && !scraped.containsKey(name)) {
                wrong.add(name + ": in the docs, not in the scrape");
            }
        });
        if (!documented.containsKey("jvm_*")) {
            wrong.add("jvm_*: no row");
        }
        return wrong;
    }

    /** The base unit a family's name carries, or "—". */
    static String unit(String name) {
        for (String u : new String[] {"seconds", "bytes", "ratio"}) {
            if (name.contains("_" + u)) {
                return u;
            }
        }
        return "—";
    }
}
