package warden.host.bus;

import io.vertx.core.eventbus.EventBus;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which record each event-bus address carries, and the local codec that sends it without a copy.
 *
 * <p>The capability that publishes on an address registers it, with its record type, when its facade is built
 * ({@code Supervisor}, {@code MetricsService}, {@code PluginHost}, {@code ChatService}); a test that publishes without
 * that facade registers the same way. Registering again on the same bus is a no-op, so two facades of one kind on one
 * Vert.x (tests, a reload) are fine; registering another type for an address is refused, since its readers would cast
 * the body to the wrong record.
 *
 * <p>Thread-safe: facades are built on the host context, tests build theirs anywhere.
 */
public final class Bus {

    /** Per event bus, address to record type; weak, so a closed Vert.x in a test leaves nothing behind. */
    private static final Map<EventBus, Map<String, Class<?>>> TYPES = Collections.synchronizedMap(new WeakHashMap<>());

    private Bus() {}

    /** Says that {@code address} carries {@code type}; the codec for {@code type} is registered the first time. */
    public static <T extends Record> void register(EventBus bus, String address, Class<T> type) {
        synchronized (TYPES) {
            Map<String, Class<?>> types = TYPES.computeIfAbsent(bus, b -> new HashMap<>());
            Class<?> before = types.get(address);
            if (before == type) {
                return;
            }
            if (before != null) {
                throw new IllegalStateException(address + " carries " + before.getName() + ", not " + type.getName());
            }
            if (!types.containsValue(type)) {
                bus.registerDefaultCodec(type, new LocalCodec<>(type));
            }
            types.put(address, type);
        }
    }

    /** The record type {@code address} carries on {@code bus}, or null when nobody registered it. */
    public static Class<?> typeOf(EventBus bus, String address) {
        synchronized (TYPES) {
            return TYPES.getOrDefault(bus, Map.of()).get(address);
        }
    }
}
