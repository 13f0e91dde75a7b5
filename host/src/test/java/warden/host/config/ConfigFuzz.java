package warden.host.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The long form of the config fuzzer, run by bench/faults/fuzz.sh: {@code args[0]} mutants (default 20,000) of
 * {@link ConfigMutations} through the real loader, seeded by {@code args[1]} (default: the clock, printed so a run can
 * be repeated). Prints mutants/s and the outcomes by the first words of the message; exits 1 if any mutant escaped as
 * something other than a config or a {@link ConfigException} naming the file. The first {@code args[2]} refused
 * mutants (default 200) are also given to a real {@code warden} process, which must exit 2 with the message and
 * "nothing was started", and no stack trace.
 */
public final class ConfigFuzz {

    private ConfigFuzz() {}

    /** {@code warden --config dir/warden.yaml} as its own process, for a file the loader refuses. */
    private static final class ProcessRun {

        /** The fuzzer's own class path, absolute: the process runs in the mutant's folder. */
        static final String CLASS_PATH = java.util.Arrays.stream(
                        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));

        /** Null when the process exited 2 with the two lines a config error gives; otherwise what it did. */
        static String refused(Path dir) throws IOException {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process p = new ProcessBuilder(
                            java,
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-cp",
                            CLASS_PATH,
                            "warden.host.Main",
                            "--config",
                            dir.resolve("warden.yaml").toString(),
                            "--no-console")
                    .directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "still running after 60 s";
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            String[] lines = err.split("\n");
            boolean ok = p.exitValue() == 2
                    && lines.length == 2
                    && lines[1].equals("warden: configuration error; nothing was started");
            return ok ? null : "exit " + p.exitValue() + ", stderr: " + err;
        }
    }

    public static void main(String[] args) throws IOException {
        int want = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        int processes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int ran = 0;
        int badExits = 0;
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("config-fuzz");
        Map<String, Long> outcomes = new TreeMap<>();
        int broken = 0;
        long start = System.nanoTime();
        for (int i = 0; i < want; i++) {
            byte[] mutant = ConfigMutations.mutant(random);
            String problem = ConfigMutations.verdict(dir, mutant);
            if (problem != null && ++broken <= 10) {
                System.out.println("BROKEN: " + problem);
            }
            String kind = problem != null ? "BROKEN" : ConfigMutations.kind(dir);
            outcomes.merge(kind, 1L, Long::sum);
            if (problem == null && !kind.equals("loaded") && ran < processes) {
                ran++;
                String exit = ProcessRun.refused(dir);
                if (exit != null && ++badExits <= 10) {
                    System.out.println("BAD EXIT: " + exit);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "config fuzz: %,d mutants (seed %d), %.1f s, %,.0f mutants/s%n", want, seed, seconds, want / seconds);
        outcomes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(25)
                .forEach(e -> System.out.printf("  %,8d  %s%n", e.getValue(), e.getKey()));
        System.out.printf("  escaped (not a config, not a ConfigException naming the file): %d%n", broken);
        System.out.printf(
                "  warden processes given a refused mutant: %d, not exit 2 with the message: %d%n", ran, badExits);
        Files.deleteIfExists(dir.resolve("warden.yaml"));
        Files.delete(dir);
        System.exit(broken == 0 && badExits == 0 ? 0 : 1);
    }
}
