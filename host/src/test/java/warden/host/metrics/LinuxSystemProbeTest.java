package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The system probe reads its held /proc files byte by byte: what it reports matches the same files read as text, and
 * a second read (through the same open files) gives the rates.
 */
class LinuxSystemProbeTest {

    @Test
    void readsTheSameNumbersAsTheTextAndRatesFromTheSecondRead() throws Exception {
        assumeTrue(ProcProbe.available(), "needs /proc");
        LinuxSystemProbe probe = new LinuxSystemProbe();
        try {
            Map<String, Double> first = new HashMap<>();
            probe.read(first, true);
            long cores = Files.readAllLines(Path.of("/proc/stat")).stream()
                    .filter(l -> l.matches("cpu[0-9]+ .*"))
                    .count();
            assertEquals(cores, first.get("cores"));
            assertEquals(kib("MemTotal:") * 1024.0, first.get("memTotalBytes"));
            assertTrue(first.get("memUsedBytes") > 0 && first.get("memUsedBytes") < first.get("memTotalBytes"));
            String load = Files.readString(Path.of("/proc/loadavg"));
            assertTrue(first.containsKey("load1") && first.get("load1") >= 0, load);
            assertTrue(probe.counters().get("netReceivedBytes") >= 0);

            Map<String, Double> second = new HashMap<>();
            probe.read(second, false);
            assertTrue(second.containsKey("netInBytesPerSec") && second.get("netInBytesPerSec") >= 0);
            double cpu = second.getOrDefault("cpu", 0.0); // absent when no tick passed between the reads
            assertTrue(cpu >= 0 && cpu <= 100, "cpu " + cpu);
            assertEquals(first.get("cores"), second.get("cores"));
        } finally {
            probe.close();
        }
    }

    private static long kib(String key) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
        return lines.stream()
                .filter(l -> l.startsWith(key))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElseThrow();
    }
}
