package dev.runyard.core.estimate;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.quant.Quant;

/**
 * Everything an estimate depends on besides the model. Defaults are the engines' own, each cited.
 *
 * @param ctx                  context length in tokens (llama.cpp {@code -c}; vLLM {@code --max-model-len} if that is unset)
 * @param ubatch               llama.cpp {@code -ub}, default 512 ({@code common/common.h} n_ubatch)
 * @param batch                llama.cpp {@code -b}, default 2048
 * @param parallel             llama.cpp {@code -np} slots / Ollama {@code OLLAMA_NUM_PARALLEL}; default 1
 * @param flashAttn            null = auto (llama.cpp turns it on where the backend supports it)
 * @param swaFull              llama.cpp {@code --swa-full}: sliding layers keep all n_ctx cells
 * @param gpus                 number of GPUs (identical), 1 by default
 * @param gpuMemoryBytes       memory of one GPU, 0 when unknown
 * @param tp                   tensor parallel size (vLLM/SGLang); 0 = gpus
 * @param pp                   pipeline parallel size; default 1
 * @param gpuMemoryUtilization vLLM's fraction of GPU memory, default 0.9; SGLang's mem_fraction_static if set
 * @param maxModelLen          vLLM {@code --max-model-len}; 0 = ctx
 * @param maxNumBatchedTokens  vLLM scheduler budget, 0 = vLLM's default (8192 with chunked prefill, V1)
 * @param imatrix              whether the GGUF was quantized with an importance matrix; null = the usual practice
 *                             for the type (I-quants are published with one, K- and legacy quants without)
 * @param mtp                  load the checkpoint's MTP/NextN blocks (vLLM/SGLang speculative decoding with MTP)
 * @param vision               load the vision/audio tower; null = the engine's default (vLLM, SGLang, MLX and Ollama
 *                             load it, llama.cpp only with {@code --mmproj})
 */
public record EstimateRequest(Quant quant, long ctx, Engine engine, KvType kvTypeK, KvType kvTypeV, int ubatch,
                              int batch, int parallel, Boolean flashAttn, boolean swaFull, Backend backend, int gpus,
                              long gpuMemoryBytes, int tp, int pp, double gpuMemoryUtilization, long maxModelLen,
                              long maxNumBatchedTokens, Boolean imatrix, boolean mtp, Boolean vision) {
    public static final long MAX_CTX = 10_000_000L;

    public EstimateRequest {
        if (ctx <= 0 || ctx > MAX_CTX) {
            throw RunyardException.badInput("context " + ctx + " is out of range", "use 1 to " + MAX_CTX + " tokens");
        }
        if (ubatch <= 0 || batch <= 0 || parallel <= 0 || parallel > 4096 || ubatch > 1_000_000 || batch > 1_000_000) {
            throw RunyardException.badInput("--ubatch, --batch and --parallel must be positive (and sane)",
                    "e.g. --ubatch 512 --batch 2048 --parallel 1");
        }
        if (gpus <= 0 || gpus > 1024) {
            throw RunyardException.badInput("--gpus must be 1 to 1024, got " + gpus, "e.g. --gpus 2");
        }
        if (tp < 0 || pp <= 0) {
            throw RunyardException.badInput("--tp and --pp must be positive", "e.g. --tp 2");
        }
        int effectiveTp = tp == 0 ? gpus : tp;
        if ((long) effectiveTp * pp > gpus) {
            throw RunyardException.badInput("--tp " + effectiveTp + " x --pp " + pp + " needs " + (effectiveTp * pp)
                    + " GPUs but only " + gpus + " given", "raise --gpus or lower --tp/--pp");
        }
        if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) {
            throw RunyardException.badInput("--gpu-memory-utilization must be in (0, 1], got " + gpuMemoryUtilization,
                    "e.g. 0.9");
        }
        if (maxModelLen < 0 || maxModelLen > MAX_CTX || maxNumBatchedTokens < 0 || maxNumBatchedTokens > MAX_CTX) {
            throw RunyardException.badInput("--max-model-len / --max-num-batched-tokens out of range", "use 1 to " + MAX_CTX);
        }
    }

    public static Builder builder(Quant quant) {
        return new Builder(quant);
    }

    public Builder toBuilder() {
        Builder b = new Builder(quant);
        b.ctx = ctx;
        b.engine = engine;
        b.kvTypeK = kvTypeK;
        b.kvTypeV = kvTypeV;
        b.ubatch = ubatch;
        b.batch = batch;
        b.parallel = parallel;
        b.flashAttn = flashAttn;
        b.swaFull = swaFull;
        b.backend = backend;
        b.gpus = gpus;
        b.gpuMemoryBytes = gpuMemoryBytes;
        b.tp = tp;
        b.pp = pp;
        b.gpuMemoryUtilization = gpuMemoryUtilization;
        b.maxModelLen = maxModelLen;
        b.maxNumBatchedTokens = maxNumBatchedTokens;
        b.imatrix = imatrix;
        b.mtp = mtp;
        b.vision = vision;
        return b;
    }

    /** Whether the vision/audio tower is loaded: as asked, else the engine's default. */
    public boolean loadsVision() {
        return vision != null ? vision : engine != Engine.LLAMA_CPP;
    }

    public int tensorParallel() {
        return tp == 0 ? gpus / pp : tp;
    }

    /** Mutable builder with the engines' defaults. */
    public static final class Builder {
        private Quant quant;
        private long ctx = 4096;
        private Engine engine = Engine.LLAMA_CPP;
        private KvType kvTypeK = KvType.F16;
        private KvType kvTypeV = KvType.F16;
        private int ubatch = 512;
        private int batch = 2048;
        private int parallel = 1;
        private Boolean flashAttn;
        private boolean swaFull;
        private Backend backend = Backend.CUDA;
        private int gpus = 1;
        private long gpuMemoryBytes;
        private int tp;
        private int pp = 1;
        private double gpuMemoryUtilization = 0.9;
        private long maxModelLen;
        private long maxNumBatchedTokens;
        private Boolean imatrix;
        private boolean mtp;
        private Boolean vision;

        private Builder(Quant quant) {
            this.quant = quant;
        }

        public Builder quant(Quant v) { quant = v; return this; }
        public Builder ctx(long v) { ctx = v; return this; }
        public Builder engine(Engine v) { engine = v; return this; }
        public Builder kvType(KvType k, KvType v) { kvTypeK = k; kvTypeV = v; return this; }
        public Builder ubatch(int v) { ubatch = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder parallel(int v) { parallel = v; return this; }
        public Builder flashAttn(Boolean v) { flashAttn = v; return this; }
        public Builder swaFull(boolean v) { swaFull = v; return this; }
        public Builder backend(Backend v) { backend = v; return this; }
        public Builder gpus(int v) { gpus = v; return this; }
        public Builder gpuMemoryBytes(long v) { gpuMemoryBytes = v; return this; }
        public Builder tp(int v) { tp = v; return this; }
        public Builder pp(int v) { pp = v; return this; }
        public Builder gpuMemoryUtilization(double v) { gpuMemoryUtilization = v; return this; }
        public Builder maxModelLen(long v) { maxModelLen = v; return this; }
        public Builder maxNumBatchedTokens(long v) { maxNumBatchedTokens = v; return this; }
        public Builder imatrix(Boolean v) { imatrix = v; return this; }
        public Builder mtp(boolean v) { mtp = v; return this; }
        public Builder vision(Boolean v) { vision = v; return this; }

        public EstimateRequest build() {
            return new EstimateRequest(quant, ctx, engine, kvTypeK, kvTypeV, ubatch, batch, parallel, flashAttn, swaFull,
                    backend, gpus, gpuMemoryBytes, tp, pp, gpuMemoryUtilization, maxModelLen, maxNumBatchedTokens, imatrix,
                    mtp, vision);
        }
    }
}
