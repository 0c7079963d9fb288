package dev.runyard.app.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code calc MODEL --how-many GPU --json}: the fewest GPUs of one kind per engine and quant. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HowManyView(String model, String gpu, long gpuMemoryBytes, List<Row> leastGpus) {
    /** One engine and quant: a GPU count, or null with a note ("more than 1024", "not applicable: …"). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(String engine, String quant, long context, Integer gpus, String note) {
    }
}
