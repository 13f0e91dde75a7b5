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
        ServiceConfig.RestartConfig r = service.restart();
        return new ChildSpec(
                service.id(),
                ChildKind.SERVICE,
                service.command(),
                service.workingDir(),
                service.env(),
                readiness.withTimeout(service.readyTimeout()),
                new StopSpec(service.stop().command(), service.stop().timeout()),
                new RestartSpec(
                        policy(r.policy()),
                        r.backoff(),
                        r.maxBackoff(),
                        r.resetAfter(),
                        r.crashLoopCrashes(),
                        r.crashLoopWindow()),
                null,
                new OutputLimit(
                        service.output().maxLinesPerSecond(), service.output().maxBytesPerSecond()));
    }

    private static RestartSpec.Policy policy(ServiceConfig.RestartPolicy policy) {
        return switch (policy) {
            case ALWAYS -> RestartSpec.Policy.ALWAYS;
            case ON_FAILURE -> RestartSpec.Policy.ON_FAILURE;
            case NEVER -> RestartSpec.Policy.NEVER;
        };
    }
}
