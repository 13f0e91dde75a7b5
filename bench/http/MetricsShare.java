import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The share of the event loop's CPU samples spent in HTTP metrics code (the host's HttpMeters, Micrometer, and Vert.x
 * Micrometer where a scrape or an older build runs it), from a JFR
 * recording of the bench server under load. A/B throughput runs of two JVMs differ by more than this cost (JIT luck
 * on a 2-core box); the samples of one JVM attribute it directly.
 *
 * Usage: java bench/http/MetricsShare.java recording.jfr
 */
public class MetricsShare {

    public static void main(String[] args) throws Exception {
        long loop = 0;
        long metrics = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.getThread("sampledThread").getJavaName();
            if (thread == null || !thread.startsWith("vert.x-eventloop")) {
                continue;
            }
            loop++;
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith("io.micrometer.")
                        || type.startsWith("io.vertx.micrometer.")
                        || type.startsWith("warden.host.export.HttpMeters")) {
                    metrics++;
                    break;
                }
            }
        }
        System.out.printf("event-loop samples %d, in HTTP metrics code %d: %.2f %%%n", loop, metrics, 100.0 * metrics / loop);
    }
}
