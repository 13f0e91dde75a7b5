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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import warden.host.supervisor.ChildChannel;
import warden.protocol.Event;
import warden.protocol.Protocol;

/** Frame checking on the host side, fed line by line; the channel records the verdicts. */
class PluginConnectionTest {

    private static final String HELLO =
            "{\"type\":\"hello\",\"protocol\":1,\"id\":\"p\",\"version\":\"1.0\",\"commands\":[{\"name\":\"x\"}],"
                    + "\"events\":[]}";
    /** Heartbeats of an hour: only the tests that mean to look at time move the clock. */
    private static final PluginConnection.Limits LIMITS =
            new PluginConnection.Limits(Duration.ofHours(1), Duration.ofSeconds(10), 3);

    private Vertx vertx;
    private final List<String> written = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private PluginSlot slot;
    private PluginConnection connection;
    private final long[] now = {0};

    @BeforeEach
    void connect() {
        vertx = Vertx.vertx();
        connect(2);
    }

    private void connect(int queueCapacity) {
        Descriptor d = new Descriptor("p", "1.0", "", "", List.of(), Path.of("p.jar"), List.of(), null, "");
        slot = new PluginSlot(d, queueCapacity, () -> {});
        connection = new PluginConnection(vertx, slot, LIMITS, 0, () -> now[0]);
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
        var reply = slot.send(new Event.Command("x", List.of(), "", "", ""));
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
        PluginConnection next = new PluginConnection(vertx, slot, LIMITS, 1, () -> now[0]);
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
    void aFrameOfTheMaximumSizeIsAcceptedAndOneCharMoreIsAViolation() {
        ready();
        String head = "{\"type\":\"heartbeat\",\"pad\":\"";
        String pad = "x".repeat(Protocol.MAX_FRAME_CHARS - head.length() - 2);
        connection.stdout(head + pad + "\"}");
        assertEquals(List.of("ready 1.0"), verdicts);
        connection.stdout(head + pad + "x\"}");
        assertEquals("protocol violation: frame longer than 1048576 characters", verdicts.get(1));
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
        var reply = slot.send(new Event.Command("x", List.of(), "", "", ""));
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
            slot.send(new Event.Command("x", List.of(), "", "", pad));
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
        var first = slot.send(new Event.Chat("", "", ""));
        var second = slot.send(new Event.Chat("", "", ""));
        var third = slot.send(new Event.Chat("", "", ""));
        assertTrue(third.failed());
        assertEquals(1, slot.counters().dropped());
        assertEquals(2, slot.counters().queued());
        ready();
        assertEquals(2, written.size());
        assertEquals(0, slot.counters().queued());
        assertTrue(!first.isComplete() && !second.isComplete());
    }

    private List<String> violationOf(String frame) {
        connect(2);
        verdicts.clear();
        ready();
        connection.stdout(frame);
        return verdicts.subList(1, verdicts.size());
    }

    /** Each shape PROTOCOL.md states, broken once: the child is failed with a reason that names the field. */
    @Test
    void everyStatedShapeIsEnforced() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(
                "{\"type\":\"counters\",\"values\":[1,2]}",
                "counters.values must be an object of name to integer, got an array");
        cases.put("{\"type\":\"counters\"}", "counters.values must be an object of name to integer, got nothing");
        cases.put("{\"type\":\"counters\",\"values\":{\"a\":1.5}}", "counter 'a' must be an integer, got 1.5");
        cases.put(
                "{\"type\":\"counters\",\"values\":{\"a\":\"1\"}}",
                "counter 'a' must be an integer, got the string \"1\"");
        cases.put("{\"type\":\"result\",\"seq\":1.5,\"replies\":[]}", "result.seq must be an integer, got 1.5");
        cases.put(
                "{\"type\":\"result\",\"seq\":\"1\",\"replies\":[]}",
                "result.seq must be an integer, got the string \"1\"");
        cases.put("{\"type\":\"result\",\"seq\":1}", "result.replies must be an array, got nothing");
        cases.put(
                "{\"type\":\"result\",\"seq\":1,\"replies\":\"hi\"}",
                "result.replies must be an array, got the string \"hi\"");
        cases.put(
                "{\"type\":\"result\",\"seq\":1,\"replies\":[1]}",
                "result.replies must be an array of strings, got an item 1");
        cases.put(
                "{\"type\":\"result\",\"seq\":1,\"replies\":[],\"broadcasts\":{}}",
                "result.broadcasts must be an array, got an object");
        cases.put(
                "{\"type\":\"result\",\"seq\":1,\"replies\":[],\"error\":42}", "result.error must be a string, got 42");
        cases.put("{\"type\":7}", "frame without a string \"type\": {\"type\":7}");
        cases.put("{\"kind\":\"x\"}", "frame without a string \"type\": {\"kind\":\"x\"}");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertEquals(List.of("protocol violation: " + c.getValue()), violationOf(c.getKey()), c.getKey());
        }
    }

    @Test
    void everyStatedShapeOfHelloIsEnforced() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(HELLO.replace("\"protocol\":1", "\"protocol\":1.0"), "speaks protocol 1.0, host speaks 1");
        cases.put(HELLO.replace("\"protocol\":1,", ""), "speaks protocol null, host speaks 1");
        cases.put(HELLO.replace("\"id\":\"p\"", "\"id\":7"), "hello.id must be a string, got 7");
        cases.put(HELLO.replace("\"version\":\"1.0\"", "\"version\":1.0"), "hello.version must be a string, got 1.0");
        cases.put(
                HELLO.replace("\"commands\":[{\"name\":\"x\"}]", "\"commands\":{}"),
                "hello.commands must be an array, got an object");
        cases.put(
                HELLO.replace("{\"name\":\"x\"}", "\"x\""),
                "hello.commands must be an array of objects {name, usage, help}");
        cases.put(
                HELLO.replace("{\"name\":\"x\"}", "{\"name\":\"two words\"}"),
                "hello.commands[].name must be one word, got 'two words'");
        cases.put(
                HELLO.replace("{\"name\":\"x\"}", "{\"name\":\"x\",\"usage\":[]}"),
                "hello.commands[].usage must be a string, got an array");
        cases.put(
                HELLO.replace("\"events\":[]", "\"events\":[\"joke\"]"),
                "hello.events may only hold \"chat\" and \"player\", got joke");
        cases.put(HELLO.replace(",\"events\":[]", ""), "hello.events must be an array, got nothing");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            connect(2);
            verdicts.clear();
            connection.stdout(c.getKey());
            assertEquals(List.of("protocol violation: " + c.getValue()), verdicts, c.getKey());
        }
    }

    @Test
    void optionalFieldsMayBeNull() {
        connection.stdout(HELLO.replace("{\"name\":\"x\"}", "{\"name\":\"x\",\"usage\":null,\"help\":null}"));
        connection.stdout("{\"type\":\"ready\"}");
        var reply = slot.send(new Event.Command("x", List.of(), "", "", ""));
        connection.stdout("{\"type\":\"result\",\"seq\":1,\"replies\":[\"hi\"],\"broadcasts\":null,\"error\":null}");
        assertEquals(List.of("ready 1.0"), verdicts);
        assertEquals(List.of("hi"), reply.result().replies());
        assertEquals("x", slot.hello().commands().get(0).usage());
    }

    @Test
    void anUnansweredEventTimesOutWithAnErrorAndItsLateResultIsIgnored() {
        ready();
        var reply = slot.send(new Event.Command("x", List.of(), "", "", ""));
        now[0] += Duration.ofSeconds(9).toNanos();
        connection.stdout("{\"type\":\"heartbeat\"}");
        connection.check();
        assertTrue(!reply.isComplete());
        now[0] += Duration.ofSeconds(2).toNanos();
        connection.stdout("{\"type\":\"heartbeat\"}");
        connection.check();
        assertEquals("plugin p did not answer within 10000 ms", reply.cause().getMessage());
        assertEquals(1, slot.counters().timedOut());
        assertEquals(0, connection.inFlight());
        connection.stdout("{\"type\":\"result\",\"seq\":1,\"replies\":[\"late\"]}");
        assertEquals(List.of("ready 1.0"), verdicts);
    }

    @Test
    void timeoutsInARowKillTheChildAndAnAnswerInTimeResetsTheCount() {
        ready();
        for (int round = 0; round < 2; round++) {
            slot.send(new Event.Command("x", List.of(), "", "", ""));
            now[0] += Duration.ofSeconds(11).toNanos();
            connection.stdout("{\"type\":\"heartbeat\"}");
            connection.check();
        }
        long answered = slot.counters().delivered() + 1;
        slot.send(new Event.Command("x", List.of(), "", "", ""));
        connection.stdout("{\"type\":\"result\",\"seq\":" + answered + ",\"replies\":[]}");
        for (int round = 0; round < 3; round++) {
            slot.send(new Event.Command("x", List.of(), "", "", ""));
            now[0] += Duration.ofSeconds(11).toNanos();
            connection.stdout("{\"type\":\"heartbeat\"}");
            connection.check();
        }
        assertEquals(5, slot.counters().timedOut());
        assertEquals(List.of("ready 1.0", "unresponsive: 3 events in a row unanswered within 10000 ms"), verdicts);
    }

    @Test
    void aSilentChildIsUnresponsive() {
        ready();
        now[0] += Duration.ofHours(3).plusSeconds(1).toNanos();
        connection.check();
        assertEquals("unresponsive: no heartbeat for 10801000 ms", verdicts.get(1));
    }

    @Test
    void floodingFramesIsAViolationButAnswersToEventsAreNot() {
        ready();
        // A thousand events answered with a counters frame and a result each, all in the same instant: not a flood.
        for (int i = 1; i <= 1000; i++) {
            slot.send(new Event.Command("x", List.of(), "", "", ""));
            connection.stdout("{\"type\":\"counters\",\"values\":{\"n\":" + i + "}}");
            connection.stdout("{\"type\":\"result\",\"seq\":" + i + ",\"replies\":[]}");
        }
        assertEquals(List.of("ready 1.0"), verdicts);
        for (int i = 0; i <= FrameBudget.FRAMES_PER_SECOND; i++) {
            connection.stdout("{\"type\":\"heartbeat\"}");
        }
        assertEquals(
                "protocol violation: flooding: more than 1000 frames a second beyond the answers to its events",
                verdicts.get(1));
    }

    @Test
    void heartbeatsAtTheAllowedRateGoOnForever() {
        ready();
        for (int i = 0; i < 100_000; i++) {
            now[0] += 1_000_000; // one a millisecond: exactly the budget
            connection.stdout("{\"type\":\"heartbeat\"}");
        }
        assertEquals(List.of("ready 1.0"), verdicts);
    }
}
