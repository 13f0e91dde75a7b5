package warden.host.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Hands every local consumer the published record itself. Vert.x copies a {@code JsonObject} for each consumer; a
 * record is immutable, so the one instance is safe to share and there is nothing to copy. The host runs no cluster,
 * so there is no wire form: asking for one is a mistake worth an exception.
 */
final class LocalCodec<T> implements MessageCodec<T, T> {

    private final Class<T> type;

    LocalCodec(Class<T> type) {
        this.type = type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T t) {
        throw new UnsupportedOperationException(type.getName() + " is a local event; the host has no cluster");
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException(type.getName() + " is a local event; the host has no cluster");
    }

    @Override
    public T transform(T t) {
        return t;
    }

    @Override
    public String name() {
        // One codec per type: Vert.x wants a distinct name for each default codec.
        return "warden.local:" + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
