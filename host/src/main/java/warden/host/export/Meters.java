package warden.host.export;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * The registries of one host: every meter is registered once, on the composite, which hands it to the Prometheus
 * registry (the scrape) and, once the push starts, to InfluxDB. Vert.x's own HTTP meters reach the same composite
 * because it is the registry the Vert.x metrics factory was given.
 *
 * <p>Vert.x's JVM metrics stay off and the JVM and process binders are bound here instead, so a host whose Vertx has no
 * HTTP metrics still reports its JVM, and the few meters whose names break Prometheus's conventions can be left out
 * before anything registers them.
 */
final class Meters {

    /**
     * Left out of every backend. {@code vertx.http.server.active.requests} never comes down for static files in
     * Vert.x 5.1.6 (wrong data is worse than none); the others are named by abbreviated unit ({@code _ns}, {@code
     * _ms}) or end in {@code _count} without being a summary, which promtool rejects. {@code process_cpu_seconds_total}
     * and {@code warden_system_cpu_cores} say the same in base units.
     */
    private static final Set<String> DENIED =
            Set.of("vertx.http.server.active.requests", "process.cpu.time", "jvm.compilation.time", "system.cpu.count");

    final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final CompositeMeterRegistry composite = new CompositeMeterRegistry();
    /** The HTTP server's meters, once Vert.x has asked for them (a Vertx built with HTTP metrics). */
    volatile HttpMeters http;

    private JvmGcMetrics gc;

    Meters() {
        MeterFilter deny = MeterFilter.deny(id -> DENIED.contains(id.getName()));
        prometheus.config().meterFilter(deny);
        composite.config().meterFilter(deny);
        composite.add(prometheus);
    }

    /** The JVM and process meters; once, by the host that owns these registries. */
    void bindJvm() {
        if (gc != null) {
            return;
        }
        MeterRegistry r = composite;
        new ClassLoaderMetrics().bindTo(r);
        new JvmMemoryMetrics().bindTo(r);
        new JvmThreadMetrics().bindTo(r);
        new JvmInfoMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        new UptimeMetrics().bindTo(r);
        new FileDescriptorMetrics().bindTo(r);
        gc = new JvmGcMetrics();
        gc.bindTo(r);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time the host's JVM used, user and system")
                    .register(r);
        }
    }

    /** Stops the GC listener; the registries themselves live as long as the Vertx they belong to. */
    void unbindJvm() {
        if (gc != null) {
            gc.close();
            gc = null;
        }
    }
}
