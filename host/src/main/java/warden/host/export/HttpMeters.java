package warden.host.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerConfig;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TcpServerConfig;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.TransportMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP server's meters, through Vert.x's metrics SPI, reduced to what the API's summary, the dashboard and the
 * Grafana board read: per method, route and status the response time ({@code vertx.http.server.response.time}) and
 * the request count ({@code vertx.http.server.requests}), and the open connections
 * ({@code vertx.http.server.active.connections}), under the names vertx-micrometer-metrics gives them.
 *
 * <p>Why not vertx-micrometer-metrics itself: for every request it built three tag lists and looked four meters up in
 * the registry, and for every read and write of every connection it counted bytes; that was 2–4 % of the event loop
 * under load (issue 16). Here a request is one small object and, at its end, one map lookup for meters made once per
 * method, route and status. Thread-safe: servers on several event loops may share it.
 */
final class HttpMeters implements VertxMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Pair> meters = new ConcurrentHashMap<>();
    private final AtomicLong connections = new AtomicLong();
    private final Server server = new Server();
    private final Connections transport = new Connections();
    private volatile boolean recording = true;

    HttpMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("vertx.http.server.active.connections", connections, AtomicLong::get)
                .description("Number of opened connections to the HTTP server")
                .register(registry);
    }

    /** Off: requests and connections are not counted (the HTTP benchmark's A/B rounds in one JVM). */
    void recording(boolean on) {
        recording = on;
    }

    @Override
    public HttpServerMetrics<?, ?> createHttpServerMetrics(
            HttpServerConfig config, SocketAddress tcpLocalAddress, SocketAddress udpLocalAddress) {
        return server;
    }

    @Override
    public TransportMetrics<?> createTcpServerMetrics(
            TcpServerConfig config, String protocol, SocketAddress localAddress) {
        // The HTTP server's connections; any other TCP server (none in the host) is not counted.
        return "http".equals(protocol) ? transport : null;
    }

    private record Key(String method, String route, int status) {}

    private record Pair(Timer time, Counter count) {}

    /** One request in flight: when it began, and the routes that handled it (joined by '>' as Vert.x's own do). */
    private static final class Request {
        final long startNanos = System.nanoTime();
        final HttpMethod method;
        String route;
        boolean reset;

        Request(HttpMethod method) {
            this.method = method;
        }
    }

    private final class Server implements HttpServerMetrics<Request, Void> {

        @Override
        public Request requestBegin(SocketAddress remoteAddress, HttpRequest request) {
            return recording ? new Request(request.method()) : null;
        }

        @Override
        public void requestRouted(Request request, String route) {
            if (request != null && route != null) {
                request.route = request.route == null ? route : request.route + '>' + route;
            }
        }

        @Override
        public void requestReset(Request request) {
            if (request != null) {
                request.reset = true;
            }
        }

        @Override
        public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
            if (request == null || request.reset) {
                return;
            }
            long nanos = System.nanoTime() - request.startNanos;
            Key key = new Key(request.method.name(), request.route == null ? "" : request.route, response.statusCode());
            Pair pair = meters.get(key);
            if (pair == null) {
                pair = meters.computeIfAbsent(key, HttpMeters.this::register);
            }
            pair.time().record(nanos, TimeUnit.NANOSECONDS);
            pair.count().increment();
        }
    }

    private Pair register(Key key) {
        String code = Integer.toString(key.status());
        Timer time = Timer.builder("vertx.http.server.response.time")
                .description("Request processing time")
                .tags("code", code, "method", key.method(), "route", key.route())
                .register(registry);
        Counter count = Counter.builder("vertx.http.server.requests")
                .description("Number of processed requests")
                .tags("code", code, "method", key.method(), "route", key.route())
                .register(registry);
        return new Pair(time, count);
    }

    /** Connections only: the bytes read and written are not wanted, and counting them cost time on every chunk. */
    private final class Connections implements TransportMetrics<Boolean> {

        @Override
        public Boolean connected(SocketAddress remoteAddress, String remoteName) {
            if (!recording) {
                return null;
            }
            connections.incrementAndGet();
            return Boolean.TRUE;
        }

        @Override
        public void disconnected(Boolean counted, SocketAddress remoteAddress) {
            if (counted != null) {
                connections.decrementAndGet();
            }
        }
    }
}
