package warden.host.alerts;

/** Why a notification goes out: a state change, a repeat of a still-firing alert, or a test from the API. */
enum Notice {
    FIRING,
    RESOLVED,
    REPEAT,
    TEST;

    String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
