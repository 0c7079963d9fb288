package dev.runyard.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.catalog.BundledCatalogSource;
import dev.runyard.app.catalog.CatalogSource;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.hardware.MachineSource;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Apps for tests: the bundled catalog, rigs in memory, and "this machine" fixed to one RTX 4090 + 64 GiB. */
final class TestApps {
    static final ObjectMapper JSON = new ObjectMapper();
    static final CatalogSource CATALOG = new BundledCatalogSource();
    /** No probing in tests: the server's own machine is a fixed, known one. */
    static final MachineSource MACHINES = (gpu, gpus, ram) ->
            MachineResolver.resolve(gpu == null ? "RTX 4090" : gpu, gpus, ram == null ? 64L << 30 : ram);

    private TestApps() {
    }

    static Javalin app() {
        return app(new MemoryRigStore());
    }

    static Javalin app(RigStore rigs) {
        return WebApp.create(new WebApp.Deps(CATALOG, rigs, MACHINES));
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
