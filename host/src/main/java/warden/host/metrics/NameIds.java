package warden.host.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code metric_name} dictionary: source and series names as small integer ids, so a stored value names its series
 * in a byte or two. Read once per connection and grown as new names arrive.
 *
 * <p>Owned by the database thread, like the {@link TierStore} that holds it.
 */
final class NameIds {

    static final int SOURCE = 0;
    static final int SERIES = 1;

    private final List<Map<String, Integer>> ids = List.of(new HashMap<>(), new HashMap<>());
    private final Map<Integer, String> names = new HashMap<>();
    private Connection loadedFor;

    /** Reads the dictionary of {@code c} unless it is already loaded from it. */
    void load(Connection c) throws SQLException {
        if (loadedFor == c) {
            return;
        }
        ids.forEach(Map::clear);
        names.clear();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, kind, name FROM metric_name")) {
            while (rs.next()) {
                ids.get(rs.getInt(2)).put(rs.getString(3), rs.getInt(1));
                names.put(rs.getInt(1), rs.getString(3));
            }
        }
        loadedFor = c;
    }

    /** Ids handed out inside a transaction that rolled back are gone: read the dictionary again next time. */
    void forget() {
        loadedFor = null;
    }

    /** The id of a known name, or -1. */
    int find(int kind, String name) {
        Integer id = ids.get(kind).get(name);
        return id == null ? -1 : id;
    }

    /** The name of {@code id}, or null. */
    String name(int id) {
        return names.get(id);
    }

    Map<String, Integer> sources() {
        return ids.get(SOURCE);
    }

    /** The id of {@code name}, added to the dictionary (inside the caller's transaction) when new. */
    int id(Connection c, int kind, String name) {
        Integer known = ids.get(kind).get(name);
        if (known != null) {
            return known;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO metric_name (kind, name) VALUES (?, ?)")) {
            insert.setInt(1, kind);
            insert.setString(2, name);
            insert.executeUpdate();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                int id = rs.getInt(1);
                ids.get(kind).put(name, id);
                names.put(id, name);
                return id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot name " + name, e);
        }
    }
}
