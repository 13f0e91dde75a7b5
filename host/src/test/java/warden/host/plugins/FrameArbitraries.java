package warden.host.plugins;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import warden.protocol.Protocol;

/**
 * Lines a plugin might write, for the protocol fuzzer: valid frames (for the plugin the host runs as {@code p}), the
 * same with one field given another JSON type or left out, frames cut short, random JSON, random text, deep nesting,
 * and frames at and just over the 1 MiB limit. Used by {@link ProtocolFuzzTest} (short form, in the build) and
 * {@link ProtocolFuzz} (long form, bench/faults/fuzz.sh).
 */
final class FrameArbitraries {

    static final String ID = "p";
    /** Built once: generating a fresh 1 MiB string per try would make the fuzzer measure string building. */
    private static final String AT_LIMIT = padded(Protocol.MAX_FRAME_CHARS);

    private static final String OVER_LIMIT = padded(Protocol.MAX_FRAME_CHARS + 1);

    private FrameArbitraries() {}

    /** A session: usually a valid hello and ready first (so the later states are reached), then any lines. */
    static Arbitrary<List<String>> session() {
        Arbitrary<List<String>> opening = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(7, Arbitraries.just(List.of(hello().encode(), "{\"type\":\"ready\"}"))),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(List.<String>of())));
        return Combinators.combine(opening, line().list().ofMaxSize(20)).as((a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        });
    }

    static Arbitrary<String> line() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, valid().map(JsonObject::encode)),
                net.jqwik.api.Tuple.of(30, mutated()),
                net.jqwik.api.Tuple.of(10, truncated()),
                net.jqwik.api.Tuple.of(
                        10, json(3).map(v -> v instanceof JsonObject o ? o.encode() : String.valueOf(v))),
                net.jqwik.api.Tuple.of(10, Arbitraries.strings().all().ofMaxLength(120)),
                net.jqwik.api.Tuple.of(3, deep()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(AT_LIMIT, OVER_LIMIT)));
    }

    static Arbitrary<JsonObject> valid() {
        return Arbitraries.oneOf(
                Arbitraries.just(hello()),
                Arbitraries.of("ready", "heartbeat", "goodbye").map(t -> new JsonObject().put("type", t)),
                Combinators.combine(
                                Arbitraries.longs().between(0, 6),
                                Arbitraries.strings().ofMaxLength(20).list().ofMaxSize(3),
                                Arbitraries.strings().ofMaxLength(20).injectNull(0.7))
                        .as((seq, replies, error) -> new JsonObject()
                                .put("type", "result")
                                .put("seq", seq)
                                .put("replies", new JsonArray(List.copyOf(replies)))
                                .put("error", error)),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(10), Arbitraries.longs())
                        .ofMaxSize(3)
                        .map(m -> new JsonObject()
                                .put("type", "counters")
                                .put("values", new JsonObject(new java.util.LinkedHashMap<>(m)))));
    }

    /** A valid frame with one field (the type too) set to a JSON value of any type, or removed. */
    static Arbitrary<String> mutated() {
        return Combinators.combine(valid(), Arbitraries.integers().between(0, 10), json(2).injectNull(0.1))
                .as((shared, which, value) -> {
                    JsonObject frame = shared.copy(); // generators may hand out the same instance again
                    List<String> names = List.copyOf(frame.fieldNames());
                    String field = names.get(which % names.size());
                    if (which == 10) {
                        frame.remove(field);
                    } else {
                        frame.put(field, value);
                    }
                    return frame.encode();
                });
    }

    static Arbitrary<String> truncated() {
        return Combinators.combine(
                        valid().map(JsonObject::encode), Arbitraries.doubles().between(0, 1))
                .as((text, at) -> text.substring(0, (int) (text.length() * at)));
    }

    /** Any JSON value, nested up to {@code depth}. */
    static Arbitrary<Object> json(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.of("hello", "result", "counters", "chat", "player").map(s -> (Object) s));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = json(depth - 1).injectNull(0.1);
        return Arbitraries.oneOf(
                scalar,
                inner.list().ofMaxSize(3).map(l -> (Object) new JsonArray(new java.util.ArrayList<>(l))),
                Arbitraries.maps(Arbitraries.of("type", "seq", "values", "replies", "id", "x"), inner)
                        .ofMaxSize(3)
                        .map(m -> (Object) new JsonObject(new java.util.LinkedHashMap<>(m))));
    }

    /** Nesting past what the JSON parser allows, and big numbers. */
    static Arbitrary<String> deep() {
        return Arbitraries.integers()
                .between(1, 3000)
                .map(n -> n % 2 == 0
                        ? "{\"type\":\"counters\",\"values\":" + "[".repeat(n) + "]".repeat(n) + "}"
                        : "{\"type\":\"result\",\"seq\":1" + "0".repeat(n) + ",\"replies\":[]}");
    }

    static JsonObject hello() {
        return new JsonObject()
                .put("type", "hello")
                .put("protocol", 1)
                .put("id", ID)
                .put("version", "1.0")
                .put("commands", new JsonArray().add(new JsonObject().put("name", "x")))
                .put("events", new JsonArray().add("chat"));
    }

    private static String padded(int length) {
        String head = "{\"type\":\"heartbeat\",\"pad\":\"";
        return head + "x".repeat(length - head.length() - 2) + "\"}";
    }
}
