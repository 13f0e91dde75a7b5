package warden.host.plugins;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The short form of the protocol fuzzer (the long one is bench/faults/fuzz.sh): garbage, truncated, oversized and
 * wrongly typed frames into a real connection. It never throws past the connection, and whatever breaks the protocol
 * ends the child with one "protocol violation: ..." reason that is not the catch-all for unexpected exceptions.
 */
class ProtocolFuzzTest {

    private static Vertx vertx;

    @BeforeContainer
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterContainer
    static void close() {
        vertx.close();
    }

    @Provide
    net.jqwik.api.Arbitrary<List<String>> sessions() {
        return FrameArbitraries.session();
    }

    @Property(tries = 200)
    void noFrameBreaksTheHost(@ForAll("sessions") List<String> lines) {
        assertNull(FuzzSession.play(vertx, lines).broken());
    }

    @Property(tries = 200)
    void oneBadFieldInAValidFrameIsAViolationOrHarmless(@ForAll("mutated") String frame) {
        List<String> lines = List.of(FrameArbitraries.hello().encode(), "{\"type\":\"ready\"}", frame);
        assertNull(FuzzSession.play(vertx, lines).broken());
    }

    @Provide
    net.jqwik.api.Arbitrary<String> mutated() {
        return FrameArbitraries.mutated();
    }
}
