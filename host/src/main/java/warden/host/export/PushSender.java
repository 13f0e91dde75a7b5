package warden.host.export;

import io.micrometer.core.ipc.http.HttpSender;
import io.micrometer.core.ipc.http.HttpUrlConnectionSender;
import io.micrometer.influx.InfluxConfig;

/**
 * The HTTP client of Micrometer's InfluxDB push, reporting each answer to the {@link Outage}: Micrometer itself logs
 * an ERROR with a stack trace at every failed step (its logger is turned off in {@code simplelogger.properties}), this
 * says it once and says when the server is back.
 *
 * <p>Runs on the push thread.
 */
final class PushSender implements HttpSender {

    private final HttpSender http;
    private final Outage outage;

    PushSender(InfluxConfig config, Outage outage) {
        this.http = new HttpUrlConnectionSender(config.connectTimeout(), config.readTimeout());
        this.outage = outage;
    }

    @Override
    public Response send(Request request) throws Throwable {
        Response r;
        try {
            r = http.send(request);
        } catch (Throwable e) {
            outage.failed("push", e.toString(), "the points of each step until then are lost");
            throw e;
        }
        if (r.isSuccessful()) {
            outage.worked("push");
        } else {
            outage.failed("push", "HTTP " + r.code() + " " + r.body(), "pushing again every step");
        }
        return r;
    }
}
