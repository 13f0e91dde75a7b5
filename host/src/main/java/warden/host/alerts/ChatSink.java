package warden.host.alerts;

import java.util.List;

/**
 * How alerts reach chat without depending on it: the chat capability, which sits above alerts, registers one with
 * {@link AlertService#chatSink}. {@code origin} is the chat service's own form ({@code irc:#ops}, {@code console},
 * {@code game:game}), or null for every connector.
 */
@FunctionalInterface
public interface ChatSink {
    void deliver(String origin, List<String> lines);
}
