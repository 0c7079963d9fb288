package dev.runyard.core.model;

/** The weights of a recurrent mixer (Mamba, Mamba2, Gated DeltaNet, LFM2 short conv), named as llama.cpp names them. */
final class RecurrentTensors {
    private RecurrentTensors() {
    }

    static void add(InventoryBuilder b, String p, int i, long h, Attention.Recurrent r) {
        long inner = r.dInner();
        long convDim = inner + 2L * r.nGroup() * r.dState();
        switch (r.kind()) {
            case GATED_DELTANET -> {
                // in_proj_qkvz: q and k (key heads × key dim each), v and z (value heads × value dim each)
                b.add(p + "ssm_in.weight", i, h, 2L * r.nGroup() * r.dState() + 2L * inner);
                b.add(p + "ssm_beta_alpha.weight", i, h, 2L * r.nHeads());
                b.add(p + "ssm_conv1d.weight", i, r.dConv(), convDim);
                b.add(p + "ssm_dt.bias", i, r.nHeads());
                b.add(p + "ssm_a", i, r.nHeads());
                b.add(p + "ssm_norm.weight", i, inner / r.nHeads());
                b.add(p + "ssm_out.weight", i, inner, h);
            }
            case MAMBA2 -> {
                b.add(p + "ssm_in.weight", i, h, 2 * inner + 2L * r.nGroup() * r.dState() + r.nHeads());
                b.add(p + "ssm_conv1d.weight", i, r.dConv(), convDim);
                b.add(p + "ssm_conv1d.bias", i, convDim);
                b.add(p + "ssm_dt.bias", i, r.nHeads());
                b.add(p + "ssm_a", i, r.nHeads());
                b.add(p + "ssm_d", i, r.nHeads());
                b.add(p + "ssm_norm.weight", i, inner);
                b.add(p + "ssm_out.weight", i, inner, h);
            }
            case SHORT_CONV -> {
                // llama.cpp's lfm2: in_proj to the B, C and x gates, a depthwise conv of conv_L_cache taps, out_proj
                b.add(p + "shortconv.in_proj.weight", i, h, 3 * inner);
                b.add(p + "shortconv.conv.weight", i, r.dConv(), inner);
                b.add(p + "shortconv.out_proj.weight", i, inner, h);
            }
            case MAMBA -> {
                long dtRank = r.nHeads();
                b.add(p + "ssm_in.weight", i, h, 2 * inner);
                b.add(p + "ssm_conv1d.weight", i, r.dConv(), inner);
                b.add(p + "ssm_conv1d.bias", i, inner);
                b.add(p + "ssm_x.weight", i, inner, dtRank + 2L * r.dState());
                b.add(p + "ssm_dt.weight", i, dtRank, inner);
                b.add(p + "ssm_dt.bias", i, inner);
                b.add(p + "ssm_a", i, r.dState(), inner);
                b.add(p + "ssm_d", i, inner);
                b.add(p + "ssm_out.weight", i, inner, h);
            }
        }
    }
}
