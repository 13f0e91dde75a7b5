package warden.host.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * Hands the tick to every local reader as the one object the pipeline built, where the event bus's own JSON codec
 * deep-copies it for each: with 100 children that was a thousand map entries copied three or four times a tick, the
 * larger part of the idle host's event-loop time (issue 16). Readers only read it, and the pipeline builds a new one
 * each tick. Local only: the bus is never clustered.
 */
final class TickCodec implements MessageCodec<JsonObject, JsonObject> {

    static final String NAME = "warden.metrics.tick.shared";
    static final DeliveryOptions DELIVERY = new DeliveryOptions().setCodecName(NAME);

    /** Registers the codec on {@code vertx} once; a second pipeline on the same Vertx (tests) finds it there. */
    static void register(Vertx vertx) {
        try {
            vertx.eventBus().registerCodec(new TickCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // Registered by an earlier pipeline on this Vertx.
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, JsonObject tick) {
        throw new UnsupportedOperationException("the tick is local only");
    }

    @Override
    public JsonObject decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException("the tick is local only");
    }

    @Override
    public JsonObject transform(JsonObject tick) {
        return tick;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
