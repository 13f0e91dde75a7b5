package warden.host.export;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import warden.host.config.ExportConfig;

/**
 * Sets up the retention an InfluxDB 1.x database needs for Warden (R33): the database, the retention policies {@code
 * raw} (the default, where the push writes), {@code hourly} and {@code daily}, and two continuous queries that keep the
 * mean of every field of every measurement per hour and per day. Both downsample from {@code raw}, so the daily means
 * are of the points themselves, not means of means.
 *
 * <p>Run before the first push and on every start: an existing policy is altered to the configured duration, an
 * existing continuous query is left as it is (InfluxDB cannot alter one). Talks to the server's {@code /query} over the
 * host's own Vert.x HTTP client, so it never blocks the event loop.
 */
final class InfluxRetention {

    private final HttpClient client;
    private final ExportConfig.Influx config;
    private final String password;

    InfluxRetention(Vertx vertx, ExportConfig.Influx config, String password) {
        this.client = vertx.createHttpClient();
        this.config = config;
        this.password = password;
    }

    Future<Void> apply() {
        String db = quoted(config.db());
        // A database created with its policy gets no "autogen" policy (infinite, and unused by Warden) beside it.
        return query("SHOW DATABASES")
                .compose(dbs -> names(dbs).contains(config.db())
                        ? Future.succeededFuture()
                        : query("CREATE DATABASE " + db + " WITH DURATION "
                                + config.rawRetention().toMinutes() + "m REPLICATION 1 NAME \"raw\""))
                .compose(v -> query("SHOW RETENTION POLICIES ON " + db))
                .compose(policies -> {
                    Set<String> existing = names(policies);
                    List<String> statements = new ArrayList<>();
                    statements.add(policy(existing, "raw", config.rawRetention(), true));
                    statements.add(policy(existing, "hourly", config.hourlyRetention(), false));
                    statements.add(policy(existing, "daily", config.dailyRetention(), false));
                    return query(String.join("; ", statements));
                })
                .compose(v -> query("SHOW CONTINUOUS QUERIES"))
                .compose(queries -> {
                    Set<String> existing = names(queries);
                    List<String> statements = new ArrayList<>();
                    if (!existing.contains("warden_hourly")) {
                        statements.add(downsample("warden_hourly", "hourly", "1h"));
                    }
                    if (!existing.contains("warden_daily")) {
                        statements.add(downsample("warden_daily", "daily", "1d"));
                    }
                    return statements.isEmpty()
                            ? Future.succeededFuture()
                            : query(String.join("; ", statements)).mapEmpty();
                })
                .eventually(client::close)
                .mapEmpty();
    }

    private String policy(Set<String> existing, String name, Duration keep, boolean isDefault) {
        String verb = existing.contains(name) ? "ALTER" : "CREATE";
        return verb + " RETENTION POLICY " + quoted(name) + " ON " + quoted(config.db()) + " DURATION "
                + keep.toMinutes() + "m REPLICATION 1" + (isDefault ? " DEFAULT" : "");
    }

    private String downsample(String name, String into, String every) {
        String db = quoted(config.db());
        return "CREATE CONTINUOUS QUERY " + quoted(name) + " ON " + db + " BEGIN SELECT mean(*) INTO " + db + "."
                + quoted(into) + ".:MEASUREMENT FROM " + db + ".\"raw\"./.*/ GROUP BY time(" + every + "), * END";
    }

    /** The first column of every series in the answer: database, policy or continuous query (of any db) names. */
    private static Set<String> names(JsonObject answer) {
        Set<String> names = new HashSet<>();
        for (Object r : answer.getJsonArray("results", new JsonArray())) {
            for (Object s : ((JsonObject) r).getJsonArray("series", new JsonArray())) {
                for (Object row : ((JsonObject) s).getJsonArray("values", new JsonArray())) {
                    names.add(String.valueOf(((JsonArray) row).getValue(0)));
                }
            }
        }
        return names;
    }

    private Future<JsonObject> query(String q) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.url().replaceAll("/$", "") + "/query")
                .putHeader("Content-Type", "application/x-www-form-urlencoded");
        if (config.username() != null) {
            String basic = config.username() + ":" + (password == null ? "" : password);
            options.putHeader(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        Buffer body = Buffer.buffer("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        return client.request(options)
                .compose(req -> req.send(body))
                .compose(HttpClientResponse::body)
                .map(b -> {
                    JsonObject answer = new JsonObject(b);
                    String error = answer.getString("error");
                    for (Object r : answer.getJsonArray("results", new JsonArray())) {
                        error = error == null ? ((JsonObject) r).getString("error") : error;
                    }
                    if (error != null) {
                        throw new IllegalStateException("InfluxDB refused \"" + q + "\": " + error);
                    }
                    return answer;
                });
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\\\"") + "\"";
    }
}
