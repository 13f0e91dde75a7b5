package warden.host.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the facades' records as API JSON: instants as ISO-8601 strings, durations as milliseconds (what JavaScript
 * can use directly). A mapper of our own, so the host's other JSON is not affected.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS);

    private Json() {}

    static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    static void reply(RoutingContext ctx, Object value) {
        ctx.response().putHeader("Content-Type", "application/json").end(encode(value));
    }

    /** Sends JSON that is already encoded (a Vert.x {@code JsonObject}'s {@code encode()}). */
    static void raw(RoutingContext ctx, String json) {
        ctx.response().putHeader("Content-Type", "application/json").end(json);
    }
}
