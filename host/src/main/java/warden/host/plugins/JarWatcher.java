package warden.host.plugins;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Polls the plugins folder, while a {@link DirWatch} says something changed there, and reports jars that appeared,
 * changed or went away.
 *
 * <p>A jar is looked at only once its size and modification time stayed the same for a whole interval (the debounce),
 * and reported only when its content digest differs from the last one reported, so a copy in progress never starts a
 * half-written file and touching a jar does nothing. The listing, not the watch's events, says what changed: it needs
 * the same debounce anyway and behaves the same on every file system; the watch only spares the idle host a listing
 * twice a second.
 *
 * <p>The folder state is touched only inside the ordered blocking calls of one tick at a time; results are delivered
 * on the host context.
 */
final class JarWatcher {

    /** What changed about one jar. Removed: both null. Unusable: {@code error} set. Otherwise {@code staged}. */
    record Change(Path jar, Descriptor staged, String error) {}

    private record Stat(long size, java.time.Instant modified) {}

    private final Vertx vertx;
    private final Path dir;
    private final Duration interval;
    private final Staging staging;
    private final Consumer<Change> onChange;
    private final Map<Path, Stat> previous = new HashMap<>();
    private final Map<Path, Stat> handled = new HashMap<>();
    private final Map<Path, String> digests = new HashMap<>();
    /** The safety poll's period while a {@link DirWatch} says when to poll. */
    private static final Duration SAFETY = Duration.ofMinutes(1);

    private boolean busy;
    private long timer = -1;
    private long safety = -1;
    private DirWatch watch;
    private boolean stopped;
    /** The last scan found every jar looked at in its current state; written by the scan, read after it. */
    private volatile boolean settled;

    JarWatcher(Vertx vertx, Path dir, Duration interval, Staging staging, Consumer<Change> onChange) {
        this.vertx = vertx;
        this.dir = dir;
        this.interval = interval;
        this.staging = staging;
        this.onChange = onChange;
    }

    /**
     * Starts watching; {@code running} maps the jars already started to their digests, so they are not reported. With
     * a {@link DirWatch} on the folder it polls only from a change until every jar there has been looked at in its
     * current state (and once a minute, should an event ever be missed); without one, all the time.
     */
    void start(Map<Path, String> running) {
        digests.putAll(running);
        Context context = vertx.getOrCreateContext();
        watch = DirWatch.open(dir, () -> context.runOnContext(v -> poll()));
        if (watch != null) {
            safety = vertx.setPeriodic(SAFETY.toMillis(), t -> poll());
        }
        poll();
    }

    void stop() {
        stopped = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
        if (safety != -1) {
            vertx.cancelTimer(safety);
        }
        if (watch != null) {
            watch.close();
        }
    }

    private void poll() {
        if (timer == -1 && !stopped) {
            timer = vertx.setPeriodic(interval.toMillis(), t -> tick());
        }
    }

    private void tick() {
        if (busy) {
            return;
        }
        busy = true;
        vertx.executeBlocking(this::scan).onComplete(ar -> {
            busy = false;
            if (ar.succeeded()) {
                ar.result().forEach(onChange);
            }
            if (watch != null && settled && timer != -1) {
                vertx.cancelTimer(timer); // nothing pending: the next change wakes it
                timer = -1;
            }
        });
    }

    private List<Change> scan() throws IOException {
        Map<Path, Stat> now = list();
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<Path, Stat> e : now.entrySet()) {
            Path jar = e.getKey();
            Stat stat = e.getValue();
            if (!stat.equals(previous.get(jar)) || stat.equals(handled.get(jar))) {
                continue; // still being written, or already looked at in this state
            }
            handled.put(jar, stat);
            try {
                String digest = Staging.sha256(jar);
                if (digest.equals(digests.get(jar))) {
                    continue;
                }
                Descriptor staged = staging.stage(jar);
                digests.put(jar, staged.sha256());
                changes.add(new Change(jar, staged, null));
            } catch (IOException | RuntimeException ex) {
                digests.remove(jar);
                changes.add(new Change(jar, null, ex.getMessage()));
            }
        }
        for (Path gone : new ArrayList<>(digests.keySet())) {
            if (!now.containsKey(gone)) {
                digests.remove(gone);
                handled.remove(gone);
                changes.add(new Change(gone, null, null));
            }
        }
        previous.clear();
        previous.putAll(now);
        settled = now.entrySet().stream().allMatch(e -> e.getValue().equals(handled.get(e.getKey())));
        return changes;
    }

    private Map<Path, Stat> list() throws IOException {
        Map<Path, Stat> out = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path p : s) {
                try {
                    out.put(
                            p,
                            new Stat(Files.size(p), Files.getLastModifiedTime(p).toInstant()));
                } catch (NoSuchFileException e) {
                    // removed between listing and stat: the next tick sees it gone
                }
            }
        }
        return out;
    }
}
