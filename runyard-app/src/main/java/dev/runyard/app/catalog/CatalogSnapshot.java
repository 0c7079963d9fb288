package dev.runyard.app.catalog;

import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.app.bundled.RecordCodec;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.model.ModelArchitecture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bundled catalog as ranking sees it ({@link CatalogModels#bundled}: entries typed, configs read into
 * architectures, parameters counted), written at build time into the jar so a cold {@code ./runyard fit} reads
 * 0.35 MB of records instead of typing 2.7 MB of JSON and reading 300+ configs (about 0.85 s of CPU on a cold JVM).
 *
 * <p>The snapshot names the data it was made from (a hash of the catalog files and the engine matrix): when the
 * jar's data differs, or a record class changed shape since (see {@link RecordCodec.Mismatch}), it is not used and
 * the catalog is built from the JSON as before. {@code CatalogSnapshotTest} holds the snapshot equal to a fresh build.
 */
public final class CatalogSnapshot {
    static final String RESOURCE = "catalog/snapshot.bin";
    private static final byte[] MAGIC = "runyard-catalog-snapshot 2\n".getBytes(StandardCharsets.UTF_8);

    private CatalogSnapshot() {
    }

    /** Writes the snapshot of the jar's catalog to {@code args[0]}; run by the build (process-classes). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CatalogSnapshot <output file>");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, bytes(CatalogModels.built()));
    }

    /** The snapshot of these models, keyed to the jar's data. */
    static byte[] bytes(List<CatalogModel> models) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes((dataKey() + "\n").getBytes(StandardCharsets.UTF_8));
        // Each architecture's parameter counts too: ranking bounds every model's speed by them, and counting walks a
        // tensor inventory per model.
        List<Long> totals = new ArrayList<>();
        List<Long> actives = new ArrayList<>();
        for (CatalogModel m : models) {
            totals.add(m.arch() == null ? null : ParameterCounts.total(m.arch()));
            actives.add(m.arch() == null ? null : ParameterCounts.active(m.arch()));
        }
        // Models and architectures keep their identity (memos key on it); smaller equal records are shared.
        out.writeBytes(RecordCodec.write(List.of(models, totals, actives),
                Set.of(CatalogModel.class, ModelArchitecture.class)));
        return out.toByteArray();
    }

    /** The bundled models from the jar's snapshot, or empty when there is none or it was made from other data. */
    static Optional<List<CatalogModel>> read() {
        byte[] b;
        try (InputStream in = CatalogSnapshot.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            b = in.readAllBytes();
        } catch (IOException e) {
            return Optional.empty();
        }
        return parse(b);
    }

    static Optional<List<CatalogModel>> parse(byte[] b) {
        byte[] key = (dataKey() + "\n").getBytes(StandardCharsets.UTF_8);
        int head = MAGIC.length + key.length;
        if (b.length < head || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || !Arrays.equals(b, MAGIC.length, head, key, 0, key.length)) {
            return Optional.empty();
        }
        try {
            Object v = RecordCodec.read(Arrays.copyOfRange(b, head, b.length));
            if (!(v instanceof List<?> parts) || parts.size() != 3 || !(parts.get(0) instanceof List<?> list)
                    || !list.stream().allMatch(CatalogModel.class::isInstance)
                    || !(parts.get(1) instanceof List<?> totals) || !(parts.get(2) instanceof List<?> actives)
                    || totals.size() != list.size() || actives.size() != list.size()) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            List<CatalogModel> models = (List<CatalogModel>) list;
            for (int i = 0; i < models.size(); i++) {
                ModelArchitecture arch = models.get(i).arch();
                if (arch != null && totals.get(i) instanceof Long t && actives.get(i) instanceof Long a) {
                    ParameterCounts.remember(arch, t, a);
                }
            }
            return Optional.of(models);
        } catch (RecordCodec.Mismatch | RuntimeException e) {
            // Only ever a shortcut: anything wrong with it and the catalog is built from its JSON as before.
            return Optional.empty();
        }
    }

    /** What the bundled models are made from: the catalog files and the engine matrix. */
    static String dataKey() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        try (InputStream in = CatalogSnapshot.class.getClassLoader().getResourceAsStream(EngineMatrix.RESOURCE)) {
            if (in != null) {
                crc.update(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return BundledCatalog.dataVersion() + " engines " + Long.toHexString(crc.getValue());
    }
}
