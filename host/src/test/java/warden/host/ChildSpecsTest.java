package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import warden.host.config.ServiceConfig;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.RestartSpec;
import warden.host.supervisor.StopSpec;

class ChildSpecsTest {

    private static ServiceConfig service(String ready, ServiceConfig.RestartConfig restart) {
        return new ServiceConfig(
                "game",
                List.of("java", "-jar", "sim.jar"),
                Path.of("/srv/game"),
                Map.of("PORT", "42420"),
                ready,
                Duration.ofSeconds(3),
                Duration.ofMinutes(2),
                new ServiceConfig.StopConfig("/stop", Duration.ofSeconds(30)),
                restart,
                null,
                ServiceConfig.OutputConfig.DEFAULT);
    }

    @Test
    void aReadyPatternBecomesPatternReadiness() {
        ChildSpec spec = ChildSpecs.of(service("now running on Port", ServiceConfig.RestartConfig.DEFAULT));
        assertEquals("game", spec.id());
        assertEquals(ChildKind.SERVICE, spec.kind());
        assertEquals(List.of("java", "-jar", "sim.jar"), spec.command());
        assertEquals(Path.of("/srv/game"), spec.workingDir());
        assertEquals(Map.of("PORT", "42420"), spec.env());
        assertEquals("now running on Port", spec.readiness().pattern().pattern());
        assertNull(spec.readiness().settle());
        assertEquals(Duration.ofMinutes(2), spec.readiness().timeout());
        assertEquals(new StopSpec("/stop", Duration.ofSeconds(30)), spec.stop());
        assertNull(spec.attachment());
    }

    @Test
    void withoutAPatternTheSettleTimeCounts() {
        ChildSpec spec = ChildSpecs.of(service(null, ServiceConfig.RestartConfig.DEFAULT));
        assertNull(spec.readiness().pattern());
        assertEquals(Duration.ofSeconds(3), spec.readiness().settle());
    }

    @Test
    void restartSettingsMapOneToOneAndTheDefaultsAgree() {
        assertEquals(
                RestartSpec.DEFAULT,
                ChildSpecs.of(service(null, ServiceConfig.RestartConfig.DEFAULT))
                        .restart());
        ServiceConfig.RestartConfig never = new ServiceConfig.RestartConfig(
                ServiceConfig.RestartPolicy.NEVER,
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                3,
                Duration.ofMinutes(10));
        assertEquals(
                new RestartSpec(
                        RestartSpec.Policy.NEVER,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        3,
                        Duration.ofMinutes(10)),
                ChildSpecs.of(service(null, never)).restart());
    }
}
