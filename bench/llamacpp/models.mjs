// Real model configurations (from /work/shared/calibration or the models' Hugging Face config.json)
// turned into GGUF metadata and tensor lists that llama.cpp's loader accepts, with stock
// llama-quantize per-tensor type rules for Q8_0, Q4_0, Q4_K_M and Q6_K.
import { writeGguf, u32, f32, str, arr, bool, ARR_T, GGML } from "./gguf.mjs";
import { gemmaTensors, gemmaKv } from "./gemma.mjs";

export const MODELS = {
  // /work/shared/calibration/llamacpp_cases.jsonl llcpp-38 (config rebuilt from the GGUF log)
  "Llama-3.2-1B": {
    arch: "llama", src: "shared/calibration/llamacpp_cases.jsonl llcpp-38; huggingface.co/meta-llama/Llama-3.2-1B/config.json",
    n_embd: 2048, n_layer: 16, n_ff: 8192, n_head: 32, n_head_kv: 8, head_dim: 64, vocab: 128256,
    tied: true, ctx_train: 131072, rope_base: 500000, rms_eps: 1e-5,
  },
  // huggingface.co/Qwen/Qwen2.5-0.5B/config.json
  "Qwen2.5-0.5B": {
    arch: "qwen2", src: "huggingface.co/Qwen/Qwen2.5-0.5B/config.json",
    n_embd: 896, n_layer: 24, n_ff: 4864, n_head: 14, n_head_kv: 2, head_dim: 64, vocab: 151936,
    tied: true, ctx_train: 32768, rope_base: 1000000, rms_eps: 1e-6, qkv_bias: true,
  },
  // huggingface.co/Qwen/Qwen3-0.6B/config.json
  "Qwen3-0.6B": {
    arch: "qwen3", src: "huggingface.co/Qwen/Qwen3-0.6B/config.json",
    n_embd: 1024, n_layer: 28, n_ff: 3072, n_head: 16, n_head_kv: 8, head_dim: 128, vocab: 151936,
    tied: true, ctx_train: 40960, rope_base: 1000000, rms_eps: 1e-6, qk_norm: true,
  },
  // shared/calibration/model_configs.jsonl "Qwen3-4B"
  "Qwen3-4B": {
    arch: "qwen3", src: "shared/calibration/model_configs.jsonl Qwen3-4B",
    n_embd: 2560, n_layer: 36, n_ff: 9728, n_head: 32, n_head_kv: 8, head_dim: 128, vocab: 151936,
    tied: true, ctx_train: 40960, rope_base: 1000000, rms_eps: 1e-6, qk_norm: true,
  },
  // shared/calibration/llamacpp_cases.jsonl llcpp-36 (Gemma-3-1B-It): SWA 512, pattern 6
  "gemma-3-1b": {
    arch: "gemma3", src: "shared/calibration/llamacpp_cases.jsonl llcpp-36; huggingface.co/google/gemma-3-1b-it/config.json",
    n_embd: 1152, n_layer: 26, n_ff: 6912, n_head: 4, n_head_kv: 1, head_dim: 256, vocab: 262144,
    tied: true, ctx_train: 32768, rope_base: 1000000, rms_eps: 1e-6, qk_norm: true, swa: 512, post_norms: true,
  },
  // huggingface.co/google/gemma-2-2b/config.json (gemma-2-9b in model_configs.jsonl is the same family)
  "gemma-2-2b": {
    arch: "gemma2", src: "huggingface.co/google/gemma-2-2b/config.json",
    n_embd: 2304, n_layer: 26, n_ff: 9216, n_head: 8, n_head_kv: 4, head_dim: 256, vocab: 256000,
    tied: true, ctx_train: 8192, rope_base: 10000, rms_eps: 1e-6, swa: 4096, post_norms: true,
    softcap_attn: 50, softcap_final: 30,
  },
  // shared/calibration/model_configs.jsonl "Qwen3-30B-A3B", truncated to 6 of its 48 layers so it fits
  // and runs here (every per-layer shape is the real one)
  "Qwen3-30B-A3B-6L": {
    arch: "qwen3moe", src: "shared/calibration/model_configs.jsonl Qwen3-30B-A3B (block_count 48 -> 6)",
    n_embd: 2048, n_layer: 6, n_ff: 6144, n_head: 32, n_head_kv: 4, head_dim: 128, vocab: 151936,
    tied: false, ctx_train: 40960, rope_base: 1000000, rms_eps: 1e-6, qk_norm: true,
    n_expert: 128, n_expert_used: 8, n_ff_exp: 768,
  },
  // shared/calibration/model_configs.jsonl "Mistral-7B-Instruct-v0.3" (llama arch, untied)
  "Mistral-7B-v0.3": {
    arch: "llama", src: "shared/calibration/model_configs.jsonl Mistral-7B-Instruct-v0.3",
    n_embd: 4096, n_layer: 32, n_ff: 14336, n_head: 32, n_head_kv: 8, head_dim: 128, vocab: 32768,
    tied: false, ctx_train: 32768, rope_base: 1000000, rms_eps: 1e-5,
  },
  // transformers' Gemma3nTextConfig defaults ("gemma3n_text-E4B style", configuration_gemma3n.py; no real
  // config.json was found): 35 layers, every 5th global, the last 15 share KV (llama.cpp keeps KV in layers 0-19),
  // per-layer embeddings 256 x 35, AltUp 4, LAuReL 64. Vocabulary 262144 (vocab_size_per_layer_input; the
  // converter's token_embd has the same rows as the per-layer table).
  "gemma-3n-E4B-defaults": {
    arch: "gemma3n", src: "transformers configuration_gemma3n.py Gemma3nTextConfig defaults (E4B style)",
    n_embd: 2048, n_layer: 35, n_ff: 16384, n_head: 8, n_head_kv: 2, head_dim: 256, vocab: 262144,
    tied: true, ctx_train: 32768, rope_base: 1000000, rope_base_swa: 10000, rms_eps: 1e-6, swa: 512, swa_period: 5,
    kv_shared: 15, ple: 256, altup: 4, laurel: 64,
  },
  // google/gemma-4-31B-it (catalog config: aiconfigurator's nvidia--Gemma-4-31B-IT-NVFP4_config.json), its first
  // 12 of 60 layers (10 sliding: 16 KV heads x 256, window 1024; 2 global: 4 KV heads x 512 with V = K).
  "gemma-4-31B-12L": {
    arch: "gemma4", src: "catalog google/gemma-4-31B-it config (aiconfigurator nvidia--Gemma-4-31B-IT-NVFP4), block_count 60 -> 12",
    n_embd: 5376, n_layer: 12, n_ff: 21504, n_head: 32, n_head_kv: 16, n_head_kv_global: 4, head_dim: 256,
    head_dim_global: 512, k_eq_v: true, vocab: 262144, tied: true, ctx_train: 262144, rope_base: 1000000,
    rope_base_swa: 10000, rms_eps: 1e-6, swa: 1024, swa_period: 6,
  },
};

// Q5_0 and Q5_K_S are for CPU kernel speed (bench.mjs): every matrix of the base type, the output Q6_K; llama-quantize's
// per-tensor promotions for them are not reproduced, so their memory rows are not comparable.
export const FTYPES = { Q8_0: 7, Q4_0: 2, Q4_K_M: 15, Q6_K: 18, Q5_0: 8, Q5_K_S: 16 };
const BASE = { Q8_0: "Q8_0", Q4_0: "Q4_0", Q4_K_M: "Q4_K", Q6_K: "Q6_K", Q5_0: "Q5_0", Q5_K_S: "Q5_K" };

function useMoreBits(i, n) {
  const a = Math.floor(n / 8);
  return i < a || i >= Math.floor((7 * n) / 8) || (i - a) % 3 === 2;
}

function tensorList(m) {
  const T = [];
  const hd = m.head_dim, q = m.n_head * hd, kv = m.n_head_kv * hd, E = m.n_embd;
  T.push({ name: "token_embd.weight", shape: [E, m.vocab], q: true });
  T.push({ name: "output_norm.weight", shape: [E] });
  if (!m.tied) T.push({ name: "output.weight", shape: [E, m.vocab], q: true });
  for (let i = 0; i < m.n_layer; i++) {
    const p = `blk.${i}.`;
    T.push({ name: p + "attn_norm.weight", shape: [E] });
    T.push({ name: p + "attn_q.weight", shape: [E, q], q: true });
    T.push({ name: p + "attn_k.weight", shape: [E, kv], q: true });
    T.push({ name: p + "attn_v.weight", shape: [E, kv], q: true });
    if (m.qkv_bias) {
      T.push({ name: p + "attn_q.bias", shape: [q] });
      T.push({ name: p + "attn_k.bias", shape: [kv] });
      T.push({ name: p + "attn_v.bias", shape: [kv] });
    }
    if (m.qk_norm) {
      T.push({ name: p + "attn_q_norm.weight", shape: [hd] });
      T.push({ name: p + "attn_k_norm.weight", shape: [hd] });
    }
    T.push({ name: p + "attn_output.weight", shape: [q, E], q: true });
    if (m.post_norms) T.push({ name: p + "post_attention_norm.weight", shape: [E] });
    T.push({ name: p + "ffn_norm.weight", shape: [E] });
    if (m.n_expert) {
      T.push({ name: p + "ffn_gate_inp.weight", shape: [E, m.n_expert] });
      T.push({ name: p + "ffn_gate_exps.weight", shape: [E, m.n_ff_exp, m.n_expert], q: true });
      T.push({ name: p + "ffn_up_exps.weight", shape: [E, m.n_ff_exp, m.n_expert], q: true });
      T.push({ name: p + "ffn_down_exps.weight", shape: [m.n_ff_exp, E, m.n_expert], q: true });
    } else {
      T.push({ name: p + "ffn_gate.weight", shape: [E, m.n_ff], q: true });
      T.push({ name: p + "ffn_up.weight", shape: [E, m.n_ff], q: true });
      T.push({ name: p + "ffn_down.weight", shape: [m.n_ff, E], q: true });
    }
    if (m.post_norms) T.push({ name: p + "post_ffw_norm.weight", shape: [E] });
  }
  return T;
}

// Stock llama-quantize rules (shared/calibration/llamacpp_quant_rules.md sections 5.1-5.11), no imatrix.
function assignTypes(m, tensors, quant) {
  const base = BASE[quant];
  const nV = tensors.filter((t) => t.name.includes("attn_v.weight")).length;
  let iV = 0, iDown = 0;
  for (const t of tensors) {
    if (!t.q) { t.type = "F32"; continue; }
    let ty = base;
    const isOut = t.name === "output.weight" || (m.tied && t.name === "token_embd.weight");
    if (isOut) ty = base === "Q8_0" ? "Q8_0" : "Q6_K";
    else if (t.name.includes("attn_v.weight")) {
      if (quant === "Q4_K_M" && useMoreBits(iV, nV)) ty = "Q6_K";
      iV++;
    } else if (t.name.includes("ffn_down")) {
      const i = m.n_expert ? Number(t.name.split(".")[1]) : iDown;
      if (quant === "Q4_K_M" && useMoreBits(i, m.n_layer)) ty = "Q6_K";
      iDown++;
    }
    // shape fallback
    if (t.shape[0] % GGML[ty].blck !== 0) ty = { Q4_K: "Q5_0", Q6_K: "Q8_0", Q5_K: "Q5_1" }[ty] ?? "F16";
    t.type = ty;
  }
  return tensors;
}

function tokenizerKv(vocab) {
  // SentencePiece-style ("llama") vocab: <unk>, <s>, </s>, 256 byte tokens, then synthetic pieces.
  const tokens = new Array(vocab), scores = new Array(vocab), types = new Array(vocab);
  tokens[0] = "<unk>"; types[0] = 2;
  tokens[1] = "<s>"; types[1] = 3;
  tokens[2] = "</s>"; types[2] = 3;
  for (let b = 0; b < 256; b++) { tokens[3 + b] = "<0x" + b.toString(16).toUpperCase().padStart(2, "0") + ">"; types[3 + b] = 6; }
  for (let i = 259; i < vocab; i++) { tokens[i] = "\u2581t" + i.toString(36); types[i] = 1; }
  for (let i = 0; i < vocab; i++) scores[i] = i < 259 ? 0 : -i;
  return [
    ["tokenizer.ggml.model", str("llama")],
    ["tokenizer.ggml.tokens", arr(ARR_T.STR, tokens)],
    ["tokenizer.ggml.scores", arr(ARR_T.F32, scores)],
    ["tokenizer.ggml.token_type", arr(ARR_T.I32, types)],
    ["tokenizer.ggml.bos_token_id", u32(1)],
    ["tokenizer.ggml.eos_token_id", u32(2)],
    ["tokenizer.ggml.unknown_token_id", u32(0)],
    ["tokenizer.ggml.add_bos_token", bool(true)],
  ];
}

function buildGemma(name, m, quant, path) {
  const kv = [
    ["general.architecture", str(m.arch)],
    ["general.name", str(name + " (zero weights)")],
    ["general.file_type", u32(FTYPES[quant])],
    ["general.quantization_version", u32(2)],
    ...gemmaKv(m),
    ...tokenizerKv(m.vocab),
  ];
  const tensors = gemmaTensors(m);
  for (const t of tensors) {
    if (t.keep2d) { t.type = "F16"; t.q = false; }
  }
  assignTypes(m, tensors.filter((t) => !t.keep2d), quant);
  const info = writeGguf(path, kv, tensors);
  const params = tensors.reduce((s, t) => s + t.shape.reduce((x, y) => x * y, 1), 0);
  const byType = {};
  for (const t of tensors) byType[t.type] = (byType[t.type] ?? 0) + 1;
  return { ...info, params, tensorTypes: byType };
}

export function buildModel(name, quant, path) {
  const m = MODELS[name];
  const a = m.arch;
  if (a === "gemma3n" || a === "gemma4") return buildGemma(name, m, quant, path);
  const kv = [
    ["general.architecture", str(a)],
    ["general.name", str(name + " (zero weights)")],
    ["general.file_type", u32(FTYPES[quant])],
    ["general.quantization_version", u32(2)],
    [`${a}.context_length`, u32(m.ctx_train)],
    [`${a}.embedding_length`, u32(m.n_embd)],
    [`${a}.block_count`, u32(m.n_layer)],
    [`${a}.feed_forward_length`, u32(m.n_ff)],
    [`${a}.attention.head_count`, u32(m.n_head)],
    [`${a}.attention.head_count_kv`, u32(m.n_head_kv)],
    [`${a}.attention.key_length`, u32(m.head_dim)],
    [`${a}.attention.value_length`, u32(m.head_dim)],
    [`${a}.attention.layer_norm_rms_epsilon`, f32(m.rms_eps)],
    [`${a}.rope.freq_base`, f32(m.rope_base)],
    [`${a}.rope.dimension_count`, u32(m.head_dim)],
  ];
  if (a === "llama") kv.push([`${a}.vocab_size`, u32(m.vocab)]);
  if (m.n_expert) {
    kv.push([`${a}.expert_count`, u32(m.n_expert)]);
    kv.push([`${a}.expert_used_count`, u32(m.n_expert_used)]);
    kv.push([`${a}.expert_feed_forward_length`, u32(m.n_ff_exp)]);
  }
  if (m.swa) kv.push([`${a}.attention.sliding_window`, u32(m.swa)]);
  if (m.softcap_attn) {
    kv.push([`${a}.attn_logit_softcapping`, f32(m.softcap_attn)]);
    kv.push([`${a}.final_logit_softcapping`, f32(m.softcap_final)]);
  }
  kv.push(...tokenizerKv(m.vocab));
  const tensors = assignTypes(m, tensorList(m), quant);
  const info = writeGguf(path, kv, tensors);
  const params = tensors.reduce((s, t) => s + t.shape.reduce((x, y) => x * y, 1), 0);
  const byType = {};
  for (const t of tensors) byType[t.type] = (byType[t.type] ?? 0) + 1;
  return { ...info, params, tensorTypes: byType };
}
