package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The short form of the config fuzzer (the long one is bench/faults/fuzz.sh): whatever a mutated config holds, the
 * loader returns a config or a {@link ConfigException} naming the file, never a NullPointerException, a
 * ClassCastException, a StackOverflowError or any other escape. The process-level outcome (exit 2, the message,
 * nothing started) is in MainStartChecksTest.
 */
class ConfigFuzzTest {

    @Provide
    Arbitrary<byte[]> mutants() {
        return Arbitraries.randoms().map(ConfigMutations::mutant);
    }

    @Property(tries = 200)
    void everyMutantLoadsOrIsAConfigError(@ForAll("mutants") byte[] yaml) throws IOException {
        Path dir = Files.createTempDirectory("config-fuzz");
        try {
            String text = new String(yaml, StandardCharsets.UTF_8);
            assertNull(ConfigMutations.verdict(dir, yaml), text.length() > 2000 ? text.substring(0, 2000) : text);
        } finally {
            Files.deleteIfExists(dir.resolve("warden.yaml"));
            Files.delete(dir);
        }
    }
}
