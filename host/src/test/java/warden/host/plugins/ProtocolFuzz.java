package warden.host.plugins;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The long form of the protocol fuzzer, run by bench/faults/fuzz.sh: a corpus of {@code args[1]} lines (default 20,000)
 * from {@link FrameArbitraries}, played in random sessions into a real connection until {@code args[0]} frames
 * (default 1,000,000) have passed. Prints frames/s and how the sessions
 * ended, by the first words of the reason; exits 1 if any session broke a rule ({@link FuzzSession#broken}).
 */
public final class ProtocolFuzz {

    private ProtocolFuzz() {}

    public static void main(String[] args) {
        long want = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int corpus = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Vertx vertx = Vertx.vertx();
        // jqwik makes the lines; outside a property each sample costs it a millisecond or so, so it fills a corpus
        // once and the sessions are random sequences drawn from it (sampleStream picks its own seed).
        long t0 = System.nanoTime();
        List<String> lines =
                FrameArbitraries.line().sampleStream().limit(corpus).toList();
        List<String> opening = List.of(FrameArbitraries.hello().encode(), "{\"type\":\"ready\"}");
        System.out.printf("corpus: %,d lines from jqwik in %.1f s%n", lines.size(), (System.nanoTime() - t0) / 1e9);
        Random random = new Random();
        Map<String, Long> outcomes = new TreeMap<>();
        long frames = 0;
        long count = 0;
        long broken = 0;
        long start = System.nanoTime();
        while (frames < want) {
            List<String> session = new ArrayList<>(random.nextInt(10) < 7 ? opening : List.of());
            for (int i = random.nextInt(21); i > 0; i--) {
                session.add(lines.get(random.nextInt(lines.size())));
            }
            FuzzSession s = FuzzSession.play(vertx, session);
            frames += s.frames;
            count++;
            String problem = s.broken();
            if (problem != null) {
                broken++;
                if (broken <= 10) {
                    System.out.println("BROKEN: " + problem + "\n  lines: " + abbreviate(session));
                }
            }
            outcomes.merge(kind(s.failure()), 1L, Long::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "protocol fuzz: %,d frames in %,d sessions, %.1f s, %,.0f frames/s%n",
                frames, count, seconds, frames / seconds);
        outcomes.forEach((k, v) -> System.out.printf("  %,10d  %s%n", v, k));
        System.out.printf("  broken sessions (threw, or a reason without a protocol violation): %d%n", broken);
        vertx.close();
        System.exit(broken == 0 ? 0 : 1);
    }

    /** The reason up to its first detail: "protocol violation: result.seq must be an integer". */
    private static String kind(String failure) {
        if (failure == null) {
            return "accepted (no violation)";
        }
        String k = failure.replaceAll("protocol .*, host", "protocol …, host")
                .replaceAll(", got .*|: \\{.*|: [^ ]*$|'.*'|seq -?\\d+", "…");
        return k.length() > 90 ? k.substring(0, 90) : k;
    }

    private static String abbreviate(List<String> lines) {
        String s = lines.toString();
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
