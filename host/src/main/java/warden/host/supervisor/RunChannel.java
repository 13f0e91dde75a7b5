package warden.host.supervisor;

import java.util.function.BiConsumer;

/**
 * The {@link ChildChannel} an attachment gets for one run. Called on the host context, like the attachment itself;
 * once the run is over every call does nothing.
 */
final class RunChannel implements ChildChannel {

    private final Run run;
    private final BiConsumer<Run, String> ready;

    /** {@code ready} receives the run and the version the child reported. */
    RunChannel(Run run, BiConsumer<Run, String> ready) {
        this.run = run;
        this.ready = ready;
    }

    @Override
    public void write(String line) {
        if (!run.over) {
            run.stdin.write(line);
        }
    }

    @Override
    public void ready(String version) {
        if (!run.over) {
            ready.accept(run, version);
        }
    }

    @Override
    public void fail(String reason) {
        if (!run.over && run.failReason == null) {
            run.failReason = reason;
            run.kill();
        }
    }

    @Override
    public long pid() {
        return run.pid;
    }
}
