package dev.runyard.core.model;

/**
 * One transformer block: its token mixer, its feed-forward part, and, for parallel hybrids (Falcon-H1), a second
 * mixer that runs beside the first ({@link Attention.None} otherwise).
 */
public record Layer(int index, Attention attention, Ffn ffn, Attention parallel) {
    public Layer(int index, Attention attention, Ffn ffn) {
        this(index, attention, ffn, new Attention.None());
    }
}
