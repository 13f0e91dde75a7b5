package warden.host.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How enum constants are written in the config file: {@code ON_FAILURE} is {@code on-failure}. */
final class EnumNames {

    private EnumNames() {}

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static List<String> all(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> of((Enum<?>) c)).toList();
    }

    /** The constant written as {@code text} (case and {@code _}/{@code -} are forgiven), or null. */
    static Enum<?> find(Class<?> type, String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Object c : type.getEnumConstants()) {
            if (of((Enum<?>) c).equals(wanted)) {
                return (Enum<?>) c;
            }
        }
        return null;
    }
}
