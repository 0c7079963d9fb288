package dev.runyard.app.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runyard.core.error.RunyardException;

/**
 * A saved machine: a name, a GPU description as {@code --gpu} takes it (may be empty: CPU only) and RAM in GiB.
 * {@code /api/v1/rigs} writes the RAM as {@code ram_gb} (the rigs file's key) and, for earlier clients, {@code ramGb}.
 */
public record Rig(String name, String gpu, Double ramGb) {
    public Rig {
        name = name == null ? "" : name.strip();
        gpu = gpu == null || gpu.isBlank() ? null : gpu.strip();
        if (name.isEmpty() || name.length() > 60) {
            throw RunyardException.badInput("rig name must be 1 to 60 characters", "e.g. name=desk");
        }
        if (gpu != null && gpu.length() > 100) {
            throw RunyardException.badInput("rig gpu must be at most 100 characters", "e.g. gpu=RTX 4090");
        }
        if (ramGb != null && !(ramGb > 0 && ramGb <= 65536)) {
            throw RunyardException.badInput("rig ram must be between 0 and 65536 GiB", "e.g. ram=64");
        }
    }

    /** The RAM under the snake_case key every other record uses (and the rigs file); {@code ramGb} stays for old clients. */
    @JsonProperty("ram_gb")
    public Double ramGbSnakeCase() {
        return ramGb;
    }
}
