package warden.host.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.influx.InfluxApiVersion;
import io.micrometer.influx.InfluxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.ConfigLoader;
import warden.host.config.ExportConfig;

/** Warden's {@code export.influx} section read as Micrometer's settings, secrets from the environment. */
class InfluxSettingsTest {

    @TempDir
    Path dir;

    private ExportConfig.Influx influx(String yaml) throws Exception {
        Files.writeString(dir.resolve("warden.yaml"), "export: {influx: {enabled: true, " + yaml + "}}\n");
        return new ConfigLoader(Map.of(), dir)
                .load(dir.resolve("warden.yaml"))
                .export()
                .influx();
    }

    @Test
    void aV1SectionBecomesMicrometersSettings() throws Exception {
        InfluxConfig c = InfluxSettings.of(
                influx("db: metrics, step: 5s, username: w, passwordEnv: PW, retention: true"), Map.of("PW", "s3"));
        assertTrue(c.validate().isValid(), c.validate().failures().toString());
        assertEquals(InfluxApiVersion.V1, c.apiVersion());
        assertEquals("metrics", c.db());
        assertEquals(Duration.ofSeconds(5), c.step());
        assertEquals("w", c.userName());
        assertEquals("s3", c.password());
        assertEquals("raw", c.retentionPolicy());
        assertFalse(c.autoCreateDb(), "the retention set-up creates the database");
    }

    @Test
    void aV2SectionTakesItsTokenFromTheVariableItNames() throws Exception {
        ExportConfig.Influx v2 = influx("version: v2, org: o, bucket: b, tokenEnv: INFLUX_TOKEN");
        InfluxConfig c = InfluxSettings.of(v2, Map.of("INFLUX_TOKEN", "t0ken"));
        assertTrue(c.validate().isValid(), c.validate().failures().toString());
        assertEquals(InfluxApiVersion.V2, c.apiVersion());
        assertEquals("t0ken", c.token());
        assertEquals("b", c.bucket());
    }

    @Test
    void aTokenVariableThatIsUnsetOrBlankIsNamed() throws Exception {
        ExportConfig.Influx v2 = influx("version: v2, org: o, bucket: b, tokenEnv: INFLUX_TOKEN");
        for (Map<String, String> env : java.util.List.of(Map.<String, String>of(), Map.of("INFLUX_TOKEN", " "))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> InfluxSettings.of(v2, env));
            assertEquals(
                    "export.influx.tokenEnv names INFLUX_TOKEN, which is not set or blank; set it, or put"
                            + " export.influx.token in the file",
                    e.getMessage());
        }
    }

    @Test
    void theHostTagIsTheConfiguredOneElseTheMachinesName() throws Exception {
        assertEquals("game-1", InfluxSettings.host(influx("host: game-1")));
        assertFalse(InfluxSettings.host(influx("db: warden")).isBlank());
    }
}
