// Gemma 3n and Gemma 4 tensor lists and metadata, as llama.cpp's loaders read them
// (src/models/gemma3n-iswa.cpp / gemma4.cpp; names from src/llama-arch.cpp). Used by models.mjs.
import { u32, f32, arr, bool, ARR_T } from "./gguf.mjs";

// Tensors that stay unquantized (F16 here; 1-D ones F32), as Runyard's GgufTypeChooser keeps them.
const KEEP = /altup|laurel|per_layer_model_proj|ffn_gate_inp/;

/** Per-layer facts: sliding?, KV heads, head size, FFN width, owns a KV cache? */
function layers(m) {
  const out = [];
  const firstShared = m.n_layer - (m.kv_shared ?? 0);
  for (let i = 0; i < m.n_layer; i++) {
    const sliding = m.pattern ? m.pattern[i] : (i + 1) % m.swa_period !== 0;
    out.push({
      sliding,
      kv: sliding ? m.n_head_kv : (m.n_head_kv_global ?? m.n_head_kv),
      hd: sliding ? m.head_dim : (m.head_dim_global ?? m.head_dim),
      ff: m.n_ff * (m.double_wide && i >= firstShared ? 2 : 1),
      ownsKv: i < firstShared,
    });
  }
  return out;
}

export function gemmaTensors(m) {
  const T = [];
  const E = m.n_embd, L = layers(m);
  const q = (name, shape) => T.push({ name, shape, q: !KEEP.test(name) && shape.length > 1, keep2d: KEEP.test(name) && shape.length > 1 });
  q("token_embd.weight", [E, m.vocab]);
  q("output_norm.weight", [E]);
  if (m.ple) {
    q("per_layer_token_embd.weight", [m.ple * m.n_layer, m.vocab]);
    q("per_layer_model_proj.weight", [E, m.ple * m.n_layer]);
    q("per_layer_proj_norm.weight", [m.ple]);
  }
  if (m.altup) {
    q("altup_proj.weight", [E, E, m.altup - 1]);
    q("altup_unembd_proj.weight", [E, E, m.altup - 1]);
  }
  if (m.arch === "gemma4" && L.some((l) => !l.sliding)) {
    const g = L.find((l) => !l.sliding);
    q("rope_freqs.weight", [g.hd / 2]);
  }
  L.forEach((l, i) => {
    const p = `blk.${i}.`;
    const kvWeights = l.ownsKv || m.arch === "gemma3n";
    q(p + "attn_norm.weight", [E]);
    q(p + "attn_q.weight", [E, m.n_head * l.hd]);
    if (kvWeights) {
      q(p + "attn_k.weight", [E, l.kv * l.hd]);
      if (!(m.k_eq_v && !l.sliding)) q(p + "attn_v.weight", [E, l.kv * l.hd]);
    }
    q(p + "attn_output.weight", [m.n_head * l.hd, E]);
    q(p + "attn_q_norm.weight", [l.hd]);
    if (kvWeights) q(p + "attn_k_norm.weight", [l.hd]);
    q(p + "post_attention_norm.weight", [E]);
    q(p + "ffn_norm.weight", [E]);
    q(p + "ffn_gate.weight", [E, l.ff]);
    q(p + "ffn_up.weight", [E, l.ff]);
    q(p + "ffn_down.weight", [l.ff, E]);
    q(p + "post_ffw_norm.weight", [E]);
    if (m.ple) {
      q(p + "inp_gate.weight", [E, m.ple]);
      q(p + "proj.weight", [m.ple, E]);
      q(p + "post_norm.weight", [E]);
    }
    if (m.altup) {
      q(p + "altup_correct_coef.weight", [m.altup, m.altup]);
      q(p + "altup_correct_scale.weight", [E]);
      q(p + "altup_predict_coef.weight", [m.altup, m.altup * m.altup]);
      q(p + "altup_router.weight", [E, m.altup]);
      q(p + "altup_router_norm.weight", [E]);
    }
    if (m.laurel) {
      q(p + "laurel_l.weight", [E, m.laurel]);
      q(p + "laurel_r.weight", [m.laurel, E]);
      q(p + "laurel_post_norm.weight", [E]);
    }
    if (m.arch === "gemma4") q(p + "layer_output_scale.weight", [1]);
  });
  return T;
}

export function gemmaKv(m) {
  const a = m.arch, L = layers(m);
  const kv = [
    [`${a}.context_length`, u32(m.ctx_train)],
    [`${a}.embedding_length`, u32(m.n_embd)],
    [`${a}.block_count`, u32(m.n_layer)],
    [`${a}.feed_forward_length`, arr(ARR_T.I32, L.map((l) => l.ff))],
    [`${a}.attention.head_count`, u32(m.n_head)],
    [`${a}.attention.head_count_kv`, arr(ARR_T.I32, L.map((l) => l.kv))],
    [`${a}.attention.key_length`, u32(m.head_dim_global ?? m.head_dim)],
    [`${a}.attention.value_length`, u32(m.head_dim_global ?? m.head_dim)],
    [`${a}.attention.layer_norm_rms_epsilon`, f32(m.rms_eps)],
    [`${a}.attention.sliding_window`, u32(m.swa)],
    [`${a}.rope.freq_base`, f32(m.rope_base)],
    [`${a}.rope.freq_base_swa`, f32(m.rope_base_swa)],
    [`${a}.rope.dimension_count`, u32(m.head_dim_global ?? m.head_dim)],
    [`${a}.final_logit_softcapping`, f32(30)],
  ];
  if (a === "gemma4") {
    kv.push([`${a}.attention.key_length_swa`, u32(m.head_dim)]);
    kv.push([`${a}.attention.value_length_swa`, u32(m.head_dim)]);
    kv.push([`${a}.rope.dimension_count_swa`, u32(m.head_dim)]);
    kv.push([`${a}.attention.sliding_window_pattern`, arr(ARR_T.BOOL, L.map((l) => l.sliding))]);
    kv.push([`${a}.attention.shared_kv_layers`, u32(m.kv_shared ?? 0)]);
    kv.push([`${a}.embedding_length_per_layer_input`, u32(m.ple ?? 0)]);
  } else {
    kv.push([`${a}.embedding_length_per_layer_input`, u32(m.ple)]);
    kv.push([`${a}.altup.num_inputs`, u32(m.altup)]);
    kv.push([`${a}.altup.active_idx`, u32(0)]);
    kv.push([`${a}.attention.shared_kv_layers`, u32(m.kv_shared)]);
  }
  return kv;
}
