package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import warden.host.plugins.ReloadOutcome;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ControlEvent;
import warden.host.supervisor.CrashRecord;

class MarkersTest {

    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void mergesControlEventsCrashesAndReloadsOldestFirst() {
        // The sources come newest first; an instant with a fraction sorts after the whole second before it.
        List<ControlEvent> controls = List.of(
                new ControlEvent("dice", T.plusMillis(1500), ControlEvent.Kind.RESTART, "restart after crash"),
                new ControlEvent("dice", T, ControlEvent.Kind.START, "host start"));
        List<CrashRecord> crashes = List.of(new CrashRecord(
                1, "dice", T.plusSeconds(1), 137, "SIGKILL", "exited", Duration.ZERO, 0, "", List.of()));
        List<ReloadRecord> reloads = List.of(
                new ReloadRecord("dice", T.plusSeconds(9), "1.0", "1.1", ReloadOutcome.OK, null, Duration.ZERO));

        List<Markers.Marker> markers = Markers.of(controls, crashes, reloads);

        assertEquals(
                List.of("start", "crash", "restart", "reload"),
                markers.stream().map(Markers.Marker::kind).toList());
        assertEquals("exit 137: exited", markers.get(1).detail());
        assertEquals("1.0 -> 1.1 ok", markers.get(3).detail());
        assertEquals(T.plusMillis(1500).toString(), markers.get(2).at());
    }
}
