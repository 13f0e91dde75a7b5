package warden.host;

import warden.host.config.ServiceConfig;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.OutputLimit;
import warden.host.supervisor.Readiness;
import warden.host.supervisor.RestartSpec;
import warden.host.supervisor.StopSpec;

/**
 * Turns a configured service into what the supervisor runs. Lives here rather than in config/ because config is the
 * lowest package and must not know the supervisor's types.
 */
final class ChildSpecs {

    private ChildSpecs() {}

    /** {@code service} is complete and valid, as {@code ConfigLoader} returns it. */
    static ChildSpec of(ServiceConfig service) {
        Readiness readiness =
                service.ready() != null ? Readiness.pattern(service.ready()) : Readiness.settle(service.settle());
        return new ChildSpec(
                service.id(),
                ChildKind.SERVICE,
                service.command(),
                service.workingDir(),
                service.env(),
                readiness.withTimeout(service.readyTimeout()),
                new StopSpec(service.stop().command(), service.stop().timeout()),
                RestartSpec.of(service.restart()),
                null,
                new OutputLimit(
                        service.output().maxLinesPerSecond(), service.output().maxBytesPerSecond()));
    }
}
