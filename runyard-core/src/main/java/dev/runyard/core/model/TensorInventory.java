package dev.runyard.core.model;

import java.util.List;
import java.util.function.Predicate;

/**
 * Every weight tensor of a model, in the order llama.cpp's loader visits them (non-block tensors first, then by
 * block, then by name), so that the quantizer's running counters can be replayed exactly.
 */
public record TensorInventory(List<Tensor> tensors) {
    public TensorInventory {
        tensors = List.copyOf(tensors);
    }

    public long parameterCount() {
        return sum(t -> true);
    }

    public long sum(Predicate<Tensor> filter) {
        long n = 0;
        for (Tensor t : tensors) {
            if (filter.test(t)) {
                n = Math.addExact(n, t.elements());
            }
        }
        return n;
    }

    public int size() {
        return tensors.size();
    }
}
