package warden.host.plugins;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import warden.host.config.PluginsConfig;
import warden.host.supervisor.ChildAttachment;
import warden.host.supervisor.ChildChannel;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.RestartSpec;

/**
 * A minimal real launcher for tests, standing in for the supervisor: spawns each child with ProcessBuilder, feeds its
 * stdout lines to the attachment on {@code context}, kills it on {@code fail}, and restarts it at once after an exit it
 * did not ask for. stderr goes to {@code logDir/<id>.log}.
 */
final class ProcessChildren implements Children, AutoCloseable {

    private final Context context;
    private final Path logDir;
    private final Map<String, ChildSpec> specs = new HashMap<>();
    // Concurrent: close() runs on the test thread while the context may still be reaping a child.
    private final Map<String, Run> runs = new java.util.concurrent.ConcurrentHashMap<>();
    /** New processes of a replace, by child id, until they say ready and take the id over. */
    private final Map<String, Run> trials = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile boolean closed;
    final List<String> failures = new ArrayList<>();
    Consumer<String> onFailure = reason -> {};

    ProcessChildren(Context context, Path logDir) {
        this.context = context;
        this.logDir = logDir;
    }

    /**
     * A plugin host over these children as most plugin tests want it: no database, staging under {@code logDir}, the
     * plugin directory polled every 100 ms.
     */
    PluginHost pluginHost(Vertx vertx, PluginsConfig config) {
        return new PluginHost(
                vertx, this, null, config, logDir.resolve(".staging"), Duration.ofMillis(100), Clock.systemUTC());
    }

    @Override
    public void add(ChildSpec spec) {
        specs.put(spec.id(), spec);
    }

    @Override
    public Future<Void> start(String id) {
        try {
            spawn(specs.get(id));
            return Future.succeededFuture();
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
    }

    @Override
    public Future<Void> stop(String id) {
        Run run = runs.get(id);
        if (run == null) {
            return Future.succeededFuture();
        }
        run.stopping = true;
        run.write(specs.get(id).stop().command());
        return run.exited.future();
    }

    @Override
    public Future<Void> restart(String id) {
        return stop(id).compose(v -> start(id));
    }

    @Override
    public List<String> tail(String id, int max) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(logDir.resolve(id + ".log"));
            return lines.subList(Math.max(0, lines.size() - max), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public Future<Void> replace(ChildSpec next) {
        try {
            return spawn(next, true).served.future();
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
    }

    @Override
    public Future<Void> abandonReplace(String id, String why) {
        Run trial = trials.remove(id);
        if (trial == null) {
            return Future.succeededFuture();
        }
        trial.served.tryFail(why);
        trial.stopping = true;
        trial.process.destroyForcibly();
        return trial.exited.future();
    }

    @Override
    public Future<Void> remove(String id) {
        return stop(id).onComplete(ar -> specs.remove(id));
    }

    long pid(String id) {
        return runs.get(id).process.pid();
    }

    @Override
    public void close() {
        closed = true;
        runs.values().forEach(r -> r.process.destroyForcibly());
        trials.values().forEach(r -> r.process.destroyForcibly());
    }

    private void spawn(ChildSpec spec) throws IOException {
        spawn(spec, false);
    }

    private Run spawn(ChildSpec spec, boolean trial) throws IOException {
        if (closed) {
            throw new IOException("launcher closed");
        }
        ProcessBuilder pb = new ProcessBuilder(spec.command())
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        logDir.resolve(spec.id() + ".log").toFile()));
        pb.environment().putAll(spec.env());
        Process process = pb.start();
        ChildAttachment attachment = spec.attachment().get();
        Run run = new Run(spec, process, trial);
        (trial ? trials : runs).put(spec.id(), run);
        attachment.started(run);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            String l = line;
                            context.runOnContext(v -> attachment.stdout(l));
                        }
                    } catch (IOException e) {
                        // the process is going away; its exit code follows
                    }
                    int code = waitFor(process);
                    context.runOnContext(v -> exited(spec, run, attachment, code));
                },
                "test-child-" + spec.id());
        reader.setDaemon(true);
        reader.start();
        return run;
    }

    private void exited(ChildSpec spec, Run run, ChildAttachment attachment, int code) {
        run.writer.shutdown();
        attachment.exited(code);
        runs.remove(spec.id(), run);
        run.exited.complete();
        if (run.trial) {
            trials.remove(spec.id(), run);
            run.served.tryFail("the new process exited with code " + code + " before it was ready");
            return;
        }
        if (!closed && !run.stopping && spec.restart().policy() != RestartSpec.Policy.NEVER) {
            start(spec.id());
        }
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private final class Run implements ChildChannel {
        final String id;
        final ChildSpec spec;
        final Process process;
        final ExecutorService writer = Executors.newSingleThreadExecutor();
        final Promise<Void> exited = Promise.promise();
        final Promise<Void> served = Promise.promise();
        boolean stopping;
        boolean trial;

        Run(ChildSpec spec, Process process, boolean trial) {
            this.id = spec.id();
            this.spec = spec;
            this.process = process;
            this.trial = trial;
        }

        @Override
        public void write(String line) {
            OutputStream out = process.getOutputStream();
            if (writer.isShutdown()) {
                return;
            }
            writer.execute(() -> {
                try {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    // the child is gone; its exit is reported by the reader
                }
            });
        }

        /** A new process of a replace takes the child id over; the one it replaces stops. */
        @Override
        public void ready(String version) {
            if (trial && trials.remove(id, this)) {
                trial = false;
                specs.put(id, spec);
                Run old = runs.put(id, this);
                if (old != null) {
                    old.stopping = true;
                    old.write(spec.stop().command());
                }
                served.complete();
            }
        }

        @Override
        public void fail(String reason) {
            failures.add(id + ": " + reason);
            onFailure.accept(reason);
            process.destroyForcibly();
        }

        @Override
        public long pid() {
            return process.pid();
        }
    }
}
