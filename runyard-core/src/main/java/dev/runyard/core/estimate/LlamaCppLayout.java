package dev.runyard.core.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place llama.cpp memory is split over devices. An {@link Assignment} says which device holds each layer
 * (llama.cpp gives the last {@code -ngl} layers to the GPUs, in proportion to {@code -ts}), whether the output layer
 * is on a GPU, and which layers' routed experts stay in RAM ({@code --n-cpu-moe}). The layout turns it into bytes per
 * device, and the totals and breakdown are the sums of those devices, so the two can never disagree.
 * The input embedding always stays in host memory; a layer's KV cache lives with the layer.
 */
public final class LlamaCppLayout {
    private LlamaCppLayout() {
    }

    /**
     * @param gpus            GPUs in use (0 = CPU only)
     * @param layerDevice     per repeating layer: the GPU index, or -1 for system RAM
     * @param outputOnGpu     GPU holding the output layer, or -1 for system RAM
     * @param hostExpertBytes per layer: routed-expert bytes kept in RAM although the layer is on a GPU (empty: none)
     * @param kvOnHost        llama.cpp {@code --no-kv-offload}: every layer's KV cache stays in system RAM
     */
    public record Assignment(int gpus, int[] layerDevice, int outputOnGpu, long[] hostExpertBytes, boolean kvOnHost) {
        // The arrays are the assignment's own, not copies: the placement search builds one per candidate (a ranking
        // builds thousands) and nothing changes them afterwards; the accessors below hand out copies.

        @Override
        public int[] layerDevice() {
            return layerDevice.clone();
        }

        @Override
        public long[] hostExpertBytes() {
            return hostExpertBytes.clone();
        }

        /** The largest expert stack a GPU copies in to multiply (llama.cpp's op offload), 0 when none is in RAM. */
        long opOffloadCopy() {
            long max = 0;
            for (long b : hostExpertBytes) {
                max = Math.max(max, b);
            }
            return max / 3; // gate, up and down are three tensors; one is copied at a time
        }

        /**
         * The last {@code ngl} layers on the GPUs (the output too when {@code ngl} exceeds the layer count), each
         * layer on the GPU whose cumulative share of {@code shares} covers it, as llama.cpp's {@code -ts} does.
         */
        public static Assignment split(int layers, double[] shares, int ngl, long[] hostExpertBytes) {
            int gpus = shares.length;
            int[] dev = new int[layers];
            int onGpu = Math.min(ngl, layers + 1);
            int start = layers - Math.min(onGpu, layers);
            double total = 0;
            for (double s : shares) {
                total += s;
            }
            double[] cumulative = new double[gpus];
            double acc = 0;
            for (int d = 0; d < gpus; d++) {
                acc += shares[d] / total;
                cumulative[d] = acc;
            }
            // A layer's position only grows with its index, so the device does too: walk the devices once instead
            // of searching them for every layer (a ranking splits thousands of times).
            int d = 0;
            for (int i = 0; i < layers; i++) {
                if (i < start || gpus == 0) {
                    dev[i] = -1;
                    continue;
                }
                double position = (double) (i - start) / onGpu;
                while (d < gpus - 1 && position >= cumulative[d] - 1e-12) {
                    d++;
                }
                dev[i] = d;
            }
            int output = gpus > 0 && onGpu > layers ? deviceFor(cumulative, (double) layers / onGpu) : -1;
            return new Assignment(gpus, dev, output, hostExpertBytes == null ? NO_EXPERTS : hostExpertBytes, false);
        }

        private static final long[] NO_EXPERTS = new long[0];

        /** The same assignment with the KV cache kept in system RAM ({@code --no-kv-offload}). */
        public Assignment withKvOnHost() {
            return new Assignment(gpus, layerDevice, outputOnGpu, hostExpertBytes, true);
        }

        /** Everything in system RAM. */
        public static Assignment cpuOnly(int layers) {
            return split(layers, new double[0], 0, null);
        }

        private static int deviceFor(double[] cumulative, double position) {
            for (int d = 0; d < cumulative.length; d++) {
                if (position < cumulative[d] - 1e-12) {
                    return d;
                }
            }
            return cumulative.length - 1;
        }
    }

    /** Bytes per device for an assignment, with totals and breakdown summed from them. */
    public static MemoryEstimate estimate(LlamaCppSizing s, Assignment a) {
        List<DeviceUsage> devices = devices(s, a);
        long tiedCopy = a.outputOnGpu() >= 0 && s.tiedOutput() ? s.weights().embeddingBytes() : 0;
        return assemble(s, devices, a.gpus(), tiedCopy, a.opOffloadCopy(), true);
    }

    /**
     * The same bytes per device and totals without the breakdown's parts: what a ranking needs to score a plan it
     * may never show (the planner builds the full estimate for the plans it does show).
     */
    public static MemoryEstimate estimateWithoutParts(LlamaCppSizing s, Assignment a) {
        return estimateWithoutParts(s, a, devices(s, a));
    }

    /** As above, from the {@link #devices} of this very assignment, already laid out to check the fit. */
    public static MemoryEstimate estimateWithoutParts(LlamaCppSizing s, Assignment a, List<DeviceUsage> devices) {
        return assemble(s, devices, a.gpus(), 0, 0, false);
    }

    /** Bytes per device alone (the placement tries many assignments and keeps one: this loop is the ranking's hottest). */
    public static List<DeviceUsage> devices(LlamaCppSizing s, Assignment a) {
        WeightsEstimate w = s.weights();
        long[] lw = w.layerBytesShared();
        long[] kv = s.kv().layerBytesShared();
        int[] layerDevice = a.layerDevice;
        long[] hostExperts = a.hostExpertBytes;
        int layers = kv.length;
        int gpus = a.gpus();
        long copy = a.opOffloadCopy();
        long[] gw = new long[gpus];
        long[] gk = new long[gpus];
        long hostW = w.lookupBytes();
        long hostK = 0;
        long inLayers = 0; // the weights of the repeating layers: the rest (output, norms, NextN) is the head
        for (int i = 0; i < layers; i++) {
            int d = layerDevice[i];
            long layerW = i < lw.length ? lw[i] : 0;
            inLayers += layerW;
            if (d < 0) {
                hostW += layerW;
                hostK += kv[i];
            } else {
                long moved = i < hostExperts.length ? Math.min(layerW, hostExperts[i]) : 0;
                gw[d] += layerW - moved;
                hostW += moved;
                if (a.kvOnHost()) {
                    hostK += kv[i];
                } else {
                    gk[d] += kv[i];
                }
            }
        }
        long head = w.bytes() - w.lookupBytes() - inLayers; // as LlamaCppSizing.headBytes(layers)
        if (a.outputOnGpu() >= 0) {
            gw[a.outputOnGpu()] += head + (s.tiedOutput() ? w.embeddingBytes() : 0);
        } else {
            hostW += head;
        }
        long compute = s.compute().bytes();
        if (gpus == 0) {
            // The repack copy takes over its tensors' file pages rather than adding to them (see
            // LlamaCppSizing.cpuRepackBytes): what stays resident is the file's tensors.
            return List.of(new DeviceUsage("CPU", hostW + s.mmproj(), hostK, compute, s.outputBuffer()));
        }
        DeviceUsage[] devices = new DeviceUsage[gpus + 1];
        gw[0] += s.mmproj(); // the projector loads on the main GPU
        for (int d = 0; d < gpus; d++) {
            devices[d] = new DeviceUsage(gpuName(d), gw[d], gk[d], compute + copy, s.reserve());
        }
        devices[gpus] = new DeviceUsage("host", hostW, hostK, 0, s.outputBuffer());
        return java.util.Arrays.asList(devices);
    }

    private static final String[] GPU_NAMES = {"GPU0", "GPU1", "GPU2", "GPU3", "GPU4", "GPU5", "GPU6", "GPU7"};

    private static String gpuName(int d) {
        return d < GPU_NAMES.length ? GPU_NAMES[d] : "GPU" + d;
    }

    private static MemoryEstimate assemble(LlamaCppSizing s, List<DeviceUsage> devices, int gpus, long tiedCopy,
                                           long copy, boolean withParts) {
        EstimateRequest req = s.request();
        WeightsEstimate w = s.weights();
        long weights = 0;
        long kvTotal = 0;
        long compute = 0;
        long overhead = 0;
        for (DeviceUsage d : devices) {
            weights += d.weightsBytes();
            kvTotal += d.kvCacheBytes();
            compute += d.computeBytes();
            overhead += d.overheadBytes();
        }
        if (!withParts) {
            return new MemoryEstimate(req.engine().key(), req.quant().name(), req.ctx(), s.params(), s.activeParams(),
                    weights, kvTotal, compute, overhead, devices, List.of(), s.warnings(), null, null, null,
                    w.bitsPerWeight(s.params()));
        }
        List<Part> parts = new ArrayList<>();
        Map<String, Object> win = new LinkedHashMap<>();
        win.put("quant", req.quant().name());
        win.put("tensors", w.tensorCount());
        win.put("bytes_by_type", w.bytesByType());
        win.put("embedding_bytes_in_host_memory", w.embeddingBytes());
        String method = w.method();
        if (gpus == 0 && s.cpuRepackBytes() > 0) {
            win.put("cpu_repack_bytes", s.cpuRepackBytes());
            win.put("cpu_repack_types", LlamaCppSizing.REPACKED);
            method += "; llama.cpp's CPU backend copies every " + String.join("/", LlamaCppSizing.REPACKED)
                    + " matrix but token_embd into a SIMD-interleaved CPU_REPACK buffer (cpu_repack_bytes) and reports"
                    + " it beside the mapped file, but the copy takes over those tensors' pages (with mmap they are"
                    + " read once and left as reclaimable page cache; without mmap they are read straight into it),"
                    + " so what must stay resident is the file's tensors";
        }
        parts.add(new Part("weights", w.bytes(), method, win));
        if (s.mmproj() > 0) {
            parts.add(new Part("weights.mmproj", s.mmproj(),
                    "vision tower + projector: vision_params x 2 bytes (F16 mmproj)", Map.of("bytes", s.mmproj())));
        }
        if (tiedCopy > 0) {
            parts.add(new Part("weights.tied_output_copy", tiedCopy,
                    "tied embeddings: llama.cpp duplicates token_embd as the output layer on the GPU",
                    Map.of("bytes", tiedCopy)));
        }
        parts.addAll(s.kv().parts());
        int buffers = Math.max(1, gpus);
        long one = s.compute().bytes();
        if (buffers == 1) {
            parts.add(s.compute().part());
        } else {
            Map<String, Object> cin = new LinkedHashMap<>(s.compute().part().inputs());
            cin.put("per_device_bytes", one);
            cin.put("devices", buffers);
            parts.add(new Part("compute_buffer", one * buffers, "per device: " + s.compute().part().formula()
                    + "; one buffer on each GPU", cin));
        }
        if (copy > 0) {
            parts.add(new Part("compute_buffer.op_offload_copy", copy * gpus,
                    "largest expert tensor kept in RAM, copied to each GPU to multiply a batch (llama.cpp op offload)",
                    Map.of("per_gpu_bytes", copy, "gpus", gpus)));
        }
        parts.add(new Part("overhead.output_buffer", s.outputBuffer(), "n_vocab x 4 bytes x n_seq (host logits buffer)",
                Map.of("bytes", s.outputBuffer(), "n_seq", req.parallel())));
        if (s.reserve() > 0 && gpus > 0) {
            boolean ollama = req.engine() == Engine.OLLAMA;
            parts.add(new Part("overhead.runtime_reserve", s.reserve() * gpus,
                    ollama ? "Ollama's minimum free memory per GPU (457 MiB, discover/gpu.go)"
                            : "per-GPU " + req.backend() + " context and library workspace (assumed, not printed by llama.cpp)",
                    Map.of("per_gpu_bytes", s.reserve(), "gpus", gpus)));
        }
        return new MemoryEstimate(req.engine().key(), req.quant().name(), req.ctx(), s.params(), s.activeParams(),
                weights, kvTotal, compute, overhead, devices, parts, s.warnings(), null, null, null,
                w.bitsPerWeight(s.params()));
    }
}
