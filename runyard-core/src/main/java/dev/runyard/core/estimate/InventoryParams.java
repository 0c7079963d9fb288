package dev.runyard.core.estimate;

import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.ModelArchitecture;

/** Element counts as llama.cpp prints them ("model params"): every tensor in the GGUF, NextN blocks included. */
public final class InventoryParams {
    private InventoryParams() {
    }

    public static long gguf(ModelArchitecture arch) {
        return InventoryBuilder.gguf(arch).parameterCount();
    }
}
