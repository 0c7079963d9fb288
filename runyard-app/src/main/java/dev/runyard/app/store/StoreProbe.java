package dev.runyard.app.store;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether an SQLite store holds exactly this jar's bundled catalog: its data version is the jar's and no sync has
 * written a model or a repository. Then its catalog is the bundled one, and a command that only reads the catalog
 * (fit, estimate…) can take the bundled records without migrating the store or reading 400 rows: a cold start spends
 * most of a second on Flyway, JDBI and row mapping otherwise. One plain JDBC statement, so one snapshot of the file;
 * any doubt (another database, an older schema, a locked or broken file) answers false and the caller opens the
 * store the normal way, which migrates, loads and reports errors.
 */
public final class StoreProbe {
    private static final String QUERY = "SELECT (SELECT meta_value FROM store_meta WHERE meta_key = ?), "
            + "EXISTS (SELECT 1 FROM models WHERE origin <> 'bundled' OR entry IS NULL), "
            + "EXISTS (SELECT 1 FROM variants WHERE origin <> 'bundled')";

    private StoreProbe() {
    }

    public static boolean holdsOnlyBundled(DbSpec spec) {
        if (spec.kind() != DbSpec.Kind.SQLITE || spec.file() == null || !Files.isRegularFile(spec.file())) {
            return false;
        }
        try (Connection c = CatalogStore.dataSource(spec).getConnection();
             PreparedStatement st = c.prepareStatement(QUERY)) {
            st.setString(1, BundledLoader.META_KEY);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && BundledLoader.bundledVersion().equals(rs.getString(1)) && !rs.getBoolean(2)
                        && !rs.getBoolean(3);
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
