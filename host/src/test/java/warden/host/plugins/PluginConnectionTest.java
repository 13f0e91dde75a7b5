package warden.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import warden.host.supervisor.ChildChannel;

/** Frame checking on the host side, fed line by line; the channel records the verdicts. */
class PluginConnectionTest {

    private static final String HELLO =
            "{\"type\":\"hello\",\"protocol\":1,\"id\":\"p\",\"version\":\"1.0\",\"commands\":[{\"name\":\"x\"}]}";

    private Vertx vertx;
    private final List<String> written = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private PluginSlot slot;
    private PluginConnection connection;

    @BeforeEach
    void connect() {
        vertx = Vertx.vertx();
        connect(2);
    }

    private void connect(int queueCapacity) {
        Descriptor d = new Descriptor("p", "1.0", "", "", List.of(), Path.of("p.jar"), List.of(), null, "");
        slot = new PluginSlot(d, queueCapacity, () -> {});
        connection = new PluginConnection(vertx, slot, Duration.ofHours(1), 0);
        connection.started(new ChildChannel() {
            @Override
            public void write(String line) {
                written.add(line);
            }

            @Override
            public void ready(String version) {
                verdicts.add("ready " + version);
            }

            @Override
            public void fail(String reason) {
                verdicts.add(reason);
            }

            @Override
            public long pid() {
                return 1;
            }
        });
    }

    @AfterEach
    void close() {
        vertx.close();
    }

    private void ready() {
        connection.stdout(HELLO);
        connection.stdout("{\"type\":\"ready\"}");
    }

    @Test
    void helloAndReadyMakeTheChildRunning() {
        ready();
        assertEquals(List.of("ready 1.0"), verdicts);
        assertTrue(slot.isReady());
    }

    @Test
    void aResultSettlesItsEventAndADuplicateIsAViolation() {
        ready();
        var reply = slot.send(new JsonObject().put("kind", "command").put("name", "x"));
        assertEquals(1, new JsonObject(written.get(0)).getLong("seq"));
        connection.stdout("{\"type\":\"result\",\"seq\":1,\"replies\":[\"hi\"]}");
        assertEquals(List.of("hi"), reply.result().replies());
        connection.stdout("{\"type\":\"result\",\"seq\":1,\"replies\":[\"again\"]}");
        assertEquals(
                "protocol violation: result for seq 1, which is not in flight (wrong or duplicate)", verdicts.get(1));
    }

    @Test
    void aRestartOfTheServingGenerationDoesNotPassForTheNewVersion() {
        // A reload waits for generation 1; generation 0 (the old version) coming up again must not end that wait.
        var reload = slot.expect(1, slot.descriptor());
        ready();
        assertTrue(slot.isReady());
        assertEquals(0, slot.liveGeneration());
        assertTrue(!reload.isComplete(), "the reload completed when the old version became ready");
        PluginConnection next = new PluginConnection(vertx, slot, Duration.ofHours(1), 1);
        next.started(new ChildChannel() {
            @Override
            public void write(String line) {}

            @Override
            public void ready(String version) {}

            @Override
            public void fail(String reason) {}

            @Override
            public long pid() {
                return 2;
            }
        });
        next.stdout(HELLO);
        next.stdout("{\"type\":\"ready\"}");
        assertEquals(1, slot.liveGeneration());
        assertEquals(connection, reload.result());
    }

    @Test
    void garbageIsAViolation() {
        connection.stdout("hello?");
        assertEquals(List.of("protocol violation: not a JSON object: hello?"), verdicts);
    }

    @Test
    void aJsonArrayIsAViolation() {
        connection.stdout("[1,2]");
        assertEquals(List.of("protocol violation: not a JSON object: [1,2]"), verdicts);
    }

    @Test
    void anOversizedFrameIsAViolation() {
        connection.stdout("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(PluginConnection.MAX_FRAME_CHARS) + "\"}");
        assertTrue(verdicts.get(0).startsWith("protocol violation: frame of "), verdicts.toString());
    }

    @Test
    void anUnknownTypeIsAViolation() {
        ready();
        connection.stdout("{\"type\":\"teleport\"}");
        assertEquals("protocol violation: unknown frame type 'teleport'", verdicts.get(1));
    }

    @Test
    void anythingBeforeHelloIsAViolation() {
        connection.stdout("{\"type\":\"ready\"}");
        assertEquals(List.of("protocol violation: expected hello first, got 'ready'"), verdicts);
    }

    @Test
    void anotherProtocolVersionIsAViolation() {
        connection.stdout(HELLO.replace("\"protocol\":1", "\"protocol\":2"));
        assertEquals(List.of("protocol violation: speaks protocol 2, host speaks 1"), verdicts);
    }

    @Test
    void aHelloForAnotherPluginIsAViolation() {
        connection.stdout(HELLO.replace("\"id\":\"p\"", "\"id\":\"q\""));
        assertEquals(List.of("protocol violation: hello says id q but this child runs p"), verdicts);
    }

    @Test
    void afterAViolationTheRestIsIgnoredAndInFlightEventsFail() {
        ready();
        var reply = slot.send(new JsonObject().put("kind", "command").put("name", "x"));
        connection.stdout("nope");
        connection.stdout("{\"type\":\"result\",\"seq\":1,\"replies\":[\"late\"]}");
        connection.exited(137);
        assertEquals(2, verdicts.size());
        assertTrue(reply.failed());
        assertEquals(1, slot.counters().failed());
        assertNull(reply.result());
    }

    @Test
    void unansweredEventsStayWithinTheWindowAndTheRestWaitsInOrder() {
        connect(10_000);
        ready();
        String pad = "x".repeat(1000);
        for (int i = 0; i < 100; i++) {
            slot.send(new JsonObject().put("kind", "command").put("name", "x").put("pad", pad));
        }
        int sent = written.size();
        assertTrue(sent > 10 && sent < 40, "sent " + sent);
        assertEquals(100 - sent, slot.counters().queued());
        connection.stdout("{\"type\":\"result\",\"seq\":1,\"replies\":[]}");
        assertEquals(sent + 1, written.size());
        assertEquals(sent + 1, new JsonObject(written.get(sent)).getLong("seq"));
    }

    @Test
    void aFullQueueDropsAndCounts() {
        var first = slot.send(new JsonObject());
        var second = slot.send(new JsonObject());
        var third = slot.send(new JsonObject());
        assertTrue(third.failed());
        assertEquals(1, slot.counters().dropped());
        assertEquals(2, slot.counters().queued());
        ready();
        assertEquals(2, written.size());
        assertEquals(0, slot.counters().queued());
        assertTrue(!first.isComplete() && !second.isComplete());
    }
}
