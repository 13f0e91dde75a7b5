package warden.host.alerts;

import java.util.HashMap;
import java.util.Map;

/**
 * Every source a rule can watch (child ids, {@code host}, {@code system}, {@code disk:<mount>}) under a small int, so
 * the rules keep their tracks in arrays indexed by it. Slots are never reused: a child that goes away keeps its slot
 * for when it comes back. Owned by the {@link Evaluator}.
 */
final class Sources {

    static final String HOST = "host";
    static final String SYSTEM = "system";

    private final Map<String, Integer> slots = new HashMap<>();

    int slot(String source) {
        Integer slot = slots.get(source);
        if (slot == null) {
            slot = slots.size();
            slots.put(source, slot);
        }
        return slot;
    }
}
