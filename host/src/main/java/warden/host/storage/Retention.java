package warden.host.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The one way a table of records is trimmed: keep the newest {@code keep} rows of each owner (a child, a plugin), never
 * fewer, whatever the other owners write. Every capability that stores records calls it in the same transaction as the
 * insert, on the database thread.
 *
 * <p>Table and column names are the caller's constants, never input. {@code order} must grow with every insert (an
 * autoincrement key or the rowid); an index on {@code (owner, order)} keeps this a short range delete.
 */
public final class Retention {

    private Retention() {}

    /**
     * Deletes the rows of {@code owner} in {@code table} (by {@code ownerColumn}) older than its newest {@code keep}; a
     * null {@code ownerColumn} trims the whole table. Returns how many rows went.
     */
    public static int keepNewest(Connection c, String table, String ownerColumn, String owner, String order, int keep)
            throws SQLException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        String where = ownerColumn == null ? "" : ownerColumn + " = ? AND ";
        String sub =
                "SELECT " + order + " FROM " + table + (ownerColumn == null ? "" : " WHERE " + ownerColumn + " = ?")
                        + " ORDER BY " + order + " DESC LIMIT 1 OFFSET ?";
        // The keep-th newest row's key: everything of the owner below it goes. Fewer rows: no key, nothing goes.
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM " + table + " WHERE " + where + order + " < (" + sub + ")")) {
            int i = 1;
            if (ownerColumn != null) {
                s.setString(i++, owner);
                s.setString(i++, owner);
            }
            s.setInt(i, keep - 1);
            return s.executeUpdate();
        }
    }
}
