package warden.host.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import warden.host.metrics.Sample;

/**
 * The checked-in {@code warden-5c27ac8.sql}: a data dir written by the build before schema versioning, and the values
 * its history was written from (the generator that fed that build's stores used these formulas).
 */
final class OldLayout {

    /** The first tick; ticks are 5 s apart, each a few ms late, as a sampler's are. */
    static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();

    static final int TICKS = 1620;

    private OldLayout() {}

    /** {@code afterT0} ms after the first tick. */
    static Instant ms(long afterT0) {
        return Instant.ofEpochMilli(T0 + afterT0);
    }

    static long at(int tick) {
        return T0 + tick * 5000L + (tick % 7);
    }

    /** Child {@code web}: stopped (a gap, no values) for ticks 100 to 103. */
    static Map<String, Double> web(int tick) {
        Map<String, Double> v = new LinkedHashMap<>();
        if (tick >= 100 && tick < 104) {
            return v;
        }
        v.put("cpu", (tick % 50) * 1.5);
        v.put("rssBytes", 1_000_000.0 + tick * 4096.0);
        v.put("threads", 10.0 + tick % 4);
        return v;
    }

    static Map<String, Double> system(int tick) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("cpu", 12.25 + (tick % 3));
        v.put("memUsedBytes", 2_000_000_000.0 - tick);
        return v;
    }

    /** What the raw tier holds of {@code source}: every tick's sample, a gap as a sample without values. */
    static List<Sample> raw(String source, IntFunction<Map<String, Double>> values) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < TICKS; i++) {
            out.add(new Sample(source, Instant.ofEpochMilli(at(i)), values.apply(i)));
        }
        return out;
    }

    /**
     * The first {@code n} buckets of {@code size} ms as history reads them: each bucket's averages, as the old rollup
     * summed them (in tick order, in doubles) and stored them (float32).
     */
    static List<Sample> buckets(String source, IntFunction<Map<String, Double>> values, long size, int n) {
        List<Sample> out = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            Map<String, double[]> sums = new LinkedHashMap<>();
            for (int i = 0; i < TICKS; i++) {
                if ((at(i) - T0) / size == b) {
                    values.apply(i).forEach((k, v) -> {
                        double[] s = sums.computeIfAbsent(k, x -> new double[2]);
                        s[0]++;
                        s[1] += v;
                    });
                }
            }
            Map<String, Double> avg = new LinkedHashMap<>();
            sums.forEach((k, s) -> avg.put(k, (double) (float) (s[1] / s[0])));
            out.add(new Sample(source, Instant.ofEpochMilli(T0 + b * size), avg));
        }
        return out;
    }

    /** Writes {@code dataDir/warden.db} from the dump, statement by statement, as {@code sqlite3} would read it. */
    static void restore(Path dataDir) throws IOException, SQLException {
        String dump;
        try (InputStream in = OldLayout.class.getResourceAsStream("/storage/warden-5c27ac8.sql")) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(dataDir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("warden.db"));
                Statement s = c.createStatement()) {
            StringBuilder statement = new StringBuilder();
            boolean quoted = false;
            for (String line : dump.split("\n")) {
                if (!quoted && statement.isEmpty() && line.startsWith("--")) {
                    continue;
                }
                statement.append(line).append('\n');
                for (int i = 0; i < line.length(); i++) {
                    quoted ^= line.charAt(i) == '\'';
                }
                if (!quoted && line.endsWith(";")) {
                    s.execute(statement.toString());
                    statement.setLength(0);
                }
            }
        }
    }
}
