#!/usr/bin/env node
// Benchmark harness: Runyard's llama.cpp memory and CPU speed predictions against a real llama.cpp
// (node-llama-cpp's prebuilt CPU binaries). Not a unit test; not run by CI. See README.md.
//
//   node bench/llamacpp/run.mjs [--models A,B] [--quants Q8_0,Q4_0] [--no-speed] [--out FILE]
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { execFileSync, execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";
import { MODELS, buildModel } from "./models.mjs";
import { loadavg1, waitQuiet } from "./host.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
const JAR = path.join(REPO, "runyard-app/target/runyard.jar");
const MODEL_DIR = path.join(HERE, "models");
const MiB = 1024 * 1024;

const argv = process.argv.slice(2);
const opt = (name, def) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : def; };
const flag = (name) => argv.includes(name);
const THREADS = 2, UBATCH = 512, PP = 512, TG = 128;

// Which models get pp512/tg128 runs (all get the memory grid). Big ones are memory-only to keep
// the whole run near 20 minutes on 2 cores.
// (On a shared 2-core machine one speed case takes 1-2 minutes; --all-speed runs every model and quant.)
const SPEED = flag("--all-speed") ? new Proxy({}, { get: () => true }) : { "Qwen2.5-0.5B": ["Q4_0"], "Qwen3-0.6B": true,
  "Llama-3.2-1B": ["Q8_0", "Q4_0"], "gemma-3-1b": ["Q4_0"], "Qwen3-30B-A3B-6L": ["Q4_0"], "gemma-2-2b": false, "Qwen3-4B": false, "Mistral-7B-v0.3": false };
const models = (opt("--models") ?? Object.keys(MODELS).join(",")).split(",");
const quants = (opt("--quants") ?? "Q8_0,Q4_0,Q4_K_M").split(",");
// Memory grid per (model, quant): [ctx, flashAttention, kvK, kvV, speed?]
const GRID = [
  [4096, false, "f16", "f16", true],
  [4096, true, "f16", "f16", false],
  [16384, false, "f16", "f16", false],
  [16384, true, "f16", "f16", false],
  [16384, true, "q8_0", "q8_0", false],
  [16384, true, "q4_0", "q4_0", false],
];
const KVT = { f16: "F16", q8_0: "Q8_0", q4_0: "Q4_0" };

const date = new Date().toISOString().slice(0, 10);
const outFile = opt("--out") ?? path.join(HERE, "results", `${date}.jsonl`);
if (fs.existsSync(outFile)) fs.renameSync(outFile, outFile + ".old");
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.mkdirSync(MODEL_DIR, { recursive: true });

if (!fs.existsSync(JAR)) {
  console.error("building the jar: ./mvnw -q -B -o -DskipTests package");
  execFileSync("./mvnw", ["-q", "-B", "-o", "-DskipTests", "package"], { cwd: REPO, stdio: "inherit" });
}

// ---- llama.cpp log capture ----
let sink = null;
const llama = await getLlama({
  gpu: false, build: "never", logLevel: LlamaLogLevel.debug,
  logger: (level, msg) => { if (sink) sink.push(msg); },
});
const release = llama.llamaCppRelease;
console.error(`llama.cpp ${release.repo} ${release.release}; cpu math cores ${llama.cpuMathCores}`);

const mib = (s) => Math.round(parseFloat(s) * MiB);
function sumAll(text, re) {
  let s = 0, n = 0;
  for (const m of text.matchAll(re)) { s += mib(m[1]); n++; }
  return n ? s : null;
}
function parseModelLog(t) {
  return {
    file_size_bytes: ((m) => (m ? Math.round(parseFloat(m[1]) * (m[2] === "GiB" ? 1024 * MiB : MiB)) : null))(t.match(/file size\s*=\s*([\d.]+) (MiB|GiB)/)),
    cpu_mapped_bytes: sumAll(t, /CPU_Mapped model buffer size =\s*([\d.]+) MiB/g),
    cpu_repack_bytes: sumAll(t, /CPU_REPACK model buffer size =\s*([\d.]+) MiB/g),
    cpu_model_bytes: sumAll(t, /\bCPU model buffer size =\s*([\d.]+) MiB/g),
    repack_kinds: [...new Set([...t.matchAll(/repack tensor \S+ with (\S+)/g)].map((m) => m[1]))],
    model_params: (t.match(/model params\s*=\s*([\d.]+ [KMB])/) || [])[1] ?? null,
  };
}
function parseCtxLog(t) {
  const g = (re) => (t.match(re) || [])[1] ?? null;
  return {
    n_ctx: Number(g(/llama_context: n_ctx\s*=\s*(\d+)/)),
    n_batch: Number(g(/llama_context: n_batch\s*=\s*(\d+)/)),
    n_ubatch: Number(g(/llama_context: n_ubatch\s*=\s*(\d+)/)),
    flash_attn: g(/llama_context: flash_attn\s*=\s*(\S+)/),
    kv_bytes: sumAll(t, /CPU KV buffer size =\s*([\d.]+) MiB/g),
    kv_lines: [...t.matchAll(/llama_kv_cache[^:]*: size =[^\n]*/g)].map((m) => m[0].trim()),
    compute_bytes: sumAll(t, /CPU compute buffer size =\s*([\d.]+) MiB/g),
    output_bytes: sumAll(t, /CPU\s+output buffer size =\s*([\d.]+) MiB/g),
  };
}
// Other processes share this machine: wait (up to 20 s) for a second in which the other CPU
// users are below 25% of the machine, and record what was found.
async function waitQuietSecond() {
  const q = await waitQuiet({ seconds: 1, below: 0.25, maxMs: 20000 });
  return { waited_s: q.waited_s, other_cpu_busy: q.busy };
}

async function timed(fn) {
  const c0 = process.cpuUsage(), t0 = performance.now();
  await fn();
  const wall = (performance.now() - t0) / 1000, c = process.cpuUsage(c0);
  return { wall_s: wall, cpu_share: (c.user + c.system) / 1e6 / (wall * THREADS) };
}

// node-llama-cpp delivers llama.cpp's log lines asynchronously: wait until the marker line arrived
// (or 3 s passed) before closing a capture.
async function drain(buf, re) {
  const t0 = Date.now();
  while (Date.now() - t0 < 3000 && !buf.some((m) => re.test(m))) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100));
}

// ---- Runyard ----
// --cpu-only without --ram plans for this machine's CPU; --ram would describe another machine (an assumed desktop CPU).
function runyard(c) {
  const args = ["-jar", JAR, "estimate", "--gguf", c.gguf, "--ctx", String(c.ctx), "--engine", "llama.cpp",
    "--cpu-only", "--flash-attn", c.flash_attn ? "on" : "off",
    "--kv-type-k", c.kv_k, "--kv-type-v", c.kv_v, "--batch", String(UBATCH), "--ubatch", String(UBATCH),
    "--parallel", "1", "--json"];
  return new Promise((resolve) => execFile("java", args, { maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
    if (err) return resolve({ error: String(stderr || err.message).slice(0, 500), args: args.slice(3) });
    try {
      const j = JSON.parse(stdout);
      resolve({
        args: args.slice(3), weights_bytes: j.weights_bytes, kv_cache_bytes: j.kv_cache_bytes, compute_bytes: j.compute_bytes,
        overhead_bytes: j.overhead_bytes, total_bytes: j.total_bytes, devices: j.devices,
        cpu_repack_bytes: (j.breakdown ?? []).find((p) => p.name === "weights")?.inputs?.cpu_repack_bytes ?? 0,
        decode_tokens_per_s: j.decode_tokens_per_s, prefill_tokens_per_s: j.prefill_tokens_per_s,
        speed_basis: j.speed?.basis ? { accelerator: j.speed.basis.accelerator, bandwidth_gbs: j.speed.basis.bandwidth_gbs, method: j.speed.basis.method } : null,
        warnings: j.warnings,
      });
    } catch (e) { resolve({ error: "bad json: " + e.message, args: args.slice(3) }); }
  }));
}

// ---- main loop ----
const meta = { llama_cpp_release: release, node_llama_cpp: "3.21.1", host: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, ram_bytes: os.totalmem() }, date: new Date().toISOString() };

const rows = [];
const started = Date.now();
for (const name of models) {
  for (const quant of quants) {
    const gguf = path.join(MODEL_DIR, `${name}-${quant}.gguf`);
    const written = buildModel(name, quant, gguf);
    const base = { model: name, arch: MODELS[name].arch, config_source: MODELS[name].src, tied: MODELS[name].tied, quant, gguf,
      gguf_tensor_bytes: written.tensorDataBytes, gguf_params: written.params, gguf_tensor_types: written.tensorTypes };
    let model, modelLog = [];
    sink = modelLog;
    try {
      model = await llama.loadModel({ modelPath: gguf, gpuLayers: 0, useMmap: true });
    } catch (e) {
      sink = null;
      rows.push({ ...base, error: "loadModel: " + e.message });
      fs.appendFileSync(outFile, JSON.stringify({ ...base, error: "loadModel: " + e.message, run: meta }) + "\n");
      console.error(`${name} ${quant}: load failed: ${e.message}`);
      continue;
    }
    await drain(modelLog, /model buffer size/);
    sink = null;
    const mlog = parseModelLog(modelLog.join("\n"));
    for (const [ctx, fa, kvk, kvv, speedCase] of GRID) {
      const wantSpeed = !flag("--no-speed") && speedCase && (SPEED[name] === true || (Array.isArray(SPEED[name]) && SPEED[name].includes(quant)));
      const row = { ...base, ctx, flash_attn: fa, kv_k: kvk, kv_v: kvv, batch: UBATCH, ubatch: UBATCH, threads: THREADS,
        loadavg_1m_before: loadavg1(), llama_cpp: { model: mlog } };
      const clog = [];
      sink = clog;
      let context;
      try {
        context = await model.createContext({ contextSize: ctx, flashAttention: fa, batchSize: UBATCH, threads: THREADS,
          sequences: 1, experimentalKvCacheKeyType: KVT[kvk], experimentalKvCacheValueType: KVT[kvv] });
      } catch (e) {
        row.error = "createContext: " + e.message;
      }
      if (context) await drain(clog, /graph splits|reserve took/);
      sink = null;
      row.llama_cpp.context = parseCtxLog(clog.join("\n"));
      if (context && wantSpeed) {
        try {
          llama.logLevel = LlamaLogLevel.warn;
          const seq = context.getSequence();
          const prompt = Array.from({ length: PP }, (_, i) => 300 + (i % 1000));
          row.quiet_before_speed = await waitQuietSecond();
          row.loadavg_1m_before_speed = loadavg1();
          // pp512 twice (history cleared in between), best kept; then tg128 (capped at 40 s) after the second.
          const pps = [];
          for (let rep = 0; rep < 2; rep++) {
            if (rep) await seq.clearHistory();
            pps.push(await timed(() => seq.evaluateWithoutGeneratingNewTokens(prompt)));
          }
          const pp = pps.reduce((a, b) => (a.wall_s <= b.wall_s ? a : b));
          let n = 0; const lat = []; let tl = performance.now(); const tStart = tl;
          const tg = await timed(async () => {
            for await (const t of seq.evaluate([301], { temperature: 0, yieldEogToken: true })) {
              const now = performance.now(); lat.push(now - tl); tl = now;
              if (++n >= TG || now - tStart > 40000) break;
            }
          });
          lat.sort((a, b) => a - b);
          row.measured = { pp_tokens: PP, tg_tokens: n, prefill_tokens_per_s: PP / pp.wall_s, decode_tokens_per_s: n / tg.wall_s,
            decode_median_token_tokens_per_s: 1000 / lat[Math.floor(lat.length / 2)],
            pp_wall_s: pps.map((x) => x.wall_s), tg_wall_s: tg.wall_s, pp_cpu_share: pp.cpu_share, tg_cpu_share: tg.cpu_share };
          row.loadavg_1m_after_speed = loadavg1();
        } catch (e) { row.error = "speed: " + e.message; }
        llama.logLevel = LlamaLogLevel.debug;
      }
      if (context) await context.dispose();
      row.runyard = await runyard(row);
      row.run = meta;
      fs.appendFileSync(outFile, JSON.stringify(row) + "\n");
      rows.push(row);
      const c = row.llama_cpp.context;
      console.error(`${name} ${quant} ctx=${ctx} fa=${fa} kv=${kvk}: KV ${(c.kv_bytes / MiB).toFixed(2)} MiB, compute ${(c.compute_bytes / MiB).toFixed(2)} MiB` +
        (row.measured ? `, pp ${row.measured.prefill_tokens_per_s.toFixed(1)} tg ${row.measured.decode_tokens_per_s.toFixed(1)} tok/s (load ${row.loadavg_1m_before_speed})` : "") +
        (row.error ? ` ERROR ${row.error}` : "") + ` [${((Date.now() - started) / 1000).toFixed(0)} s]`);
    }
    await model.dispose();
    if (!flag("--keep-models")) fs.rmSync(gguf, { force: true });
  }
}
await llama.dispose();

console.error(`wrote ${rows.length} rows to ${path.relative(process.cwd(), outFile)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
