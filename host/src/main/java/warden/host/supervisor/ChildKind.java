package warden.host.supervisor;

/** What a child is: a plugin runner JVM that speaks the wire protocol, or any other command (a game server). */
public enum ChildKind {
    PLUGIN,
    SERVICE
}
