#!/usr/bin/env node
// Speed check against a real llama-bench (pp512 / tg128), not node-llama-cpp's evaluate loop.
//
// Why: node-llama-cpp's prebuilt binaries are built without OpenMP and attach no ggml thread pool, so every
// llama_decode creates and joins its worker threads again (ggml_graph_compute's "disposable threadpool"); on a
// 2-vCPU VM that costs more than the matrices of a small model. llama-bench (and llama-cli / llama-server in a
// release build) keeps its threads. See README.md for building llama-bench from the llama.cpp source that
// node-llama-cpp ships.
//
//   node bench/llamacpp/bench.mjs --llama-bench PATH [--models A:Q,B:Q] [--threads 1,2] [--reps 5] [--out FILE]
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { MODELS, buildModel } from "./models.mjs";
import { loadavg1, waitQuiet } from "./host.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
const JAR = path.join(REPO, "runyard-app/target/runyard.jar");
const argv = process.argv.slice(2);
const opt = (name, def) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : def; };
const LB = opt("--llama-bench", process.env.LLAMA_BENCH);
if (!argv.includes("--reprice") && (!LB || !fs.existsSync(LB))) { // re-pricing runs Runyard only
  console.error("llama-bench not found: pass --llama-bench PATH or set LLAMA_BENCH (README.md says how to build it)");
  process.exit(2);
}
const DEFAULT = "Qwen2.5-0.5B:Q4_0,Qwen2.5-0.5B:Q8_0,Qwen3-0.6B:Q4_0,Qwen3-0.6B:Q8_0,Qwen3-0.6B:Q4_K_M,"
  + "Llama-3.2-1B:Q4_0,Llama-3.2-1B:Q8_0,Llama-3.2-1B:Q4_K_M,gemma-3-1b:Q4_0,Qwen3-4B:Q4_0,Qwen3-4B:Q8_0,"
  + "Qwen3-30B-A3B-6L:Q4_0";
const cases = opt("--models", DEFAULT).split(",").map((s) => s.split(":"));
const threads = opt("--threads", "2");
const reps = opt("--reps", "5");
const outFile = opt("--out", path.join(HERE, "results", `bench-${new Date().toISOString().slice(0, 10)}.jsonl`));
fs.mkdirSync(path.join(HERE, "models"), { recursive: true });

// Other processes share this machine: wait (up to 5 min) for 3 seconds in a row in which the machine is under
// 15% busy, and record what was found.
async function waitQuietRun() {
  const q = await waitQuiet({ seconds: 3, below: 0.15, maxMs: 300000 });
  return { waited_s: q.waited_s, busy_last_s: q.busy, quiet: q.quiet };
}

function runyard(gguf, ramCopy) {
  // llama-bench's defaults: ctx = pp + tg, flash attention auto, f16 KV, ubatch 512. --cpu-only without --ram plans
  // for this machine's CPU (its cores, SIMD level and the bandwidth `runyard hardware` measured); with --ram Runyard
  // would describe another machine and assume a desktop CPU.
  const args = ["-jar", JAR, "estimate", "--gguf", gguf, "--ctx", "640", "--engine", "llama.cpp", "--cpu-only",
    "--ubatch", "512", "--parallel", "1", "--json"];
  // A re-price on another machine (or day) pins the copy bandwidth the row was priced with, so only the model changes.
  if (ramCopy) args.push("--ram-copy", String(ramCopy));
  const r = spawnSync("java", args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || "").slice(0, 300) };
  const j = JSON.parse(r.stdout);
  const threads = Number((j.speed?.basis?.accelerator ?? "").match(/CPU \((\d+) threads/)?.[1] ?? 0);
  return { args: args.slice(3), threads, decode_tokens_per_s: j.decode_tokens_per_s, prefill_tokens_per_s: j.prefill_tokens_per_s,
    decode_band: [j.speed?.decode_low_tokens_per_s, j.speed?.decode_high_tokens_per_s],
    prefill_band: [j.speed?.prefill_low_tokens_per_s, j.speed?.prefill_high_tokens_per_s],
    accelerator: j.speed?.basis?.accelerator, method: j.speed?.basis?.method, bandwidth_gbs: j.speed?.basis?.bandwidth_gbs };
}

// Runyard plans for the threads llama.cpp would use here (physical cores); rows at other counts are not compared.
function predicted(test, threads, ry) {
  if (ry.threads !== threads) return null;
  return test === "pp512" ? ry.prefill_tokens_per_s : ry.decode_tokens_per_s;
}

// --reprice FILE: run Runyard again for every row of an earlier run (after a change to the speed model), in place.
const reprice = opt("--reprice", null);
if (reprice) {
  const rows = fs.readFileSync(reprice, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const memo = new Map();
  for (const row of rows) {
    const gguf = path.join(HERE, "models", `${row.model}-${row.quant}.gguf`);
    if (!fs.existsSync(gguf)) buildModel(row.model, row.quant, gguf);
    const copy = Number((row.runyard?.accelerator ?? "").match(/copy ([0-9.]+) GB\/s/)?.[1] ?? 0);
    if (!memo.has(gguf)) memo.set(gguf, runyard(gguf, copy || null));
    row.runyard = memo.get(gguf);
    row.runyard_tokens_per_s = predicted(row.test, row.threads, row.runyard);
  }
  fs.writeFileSync(reprice, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  process.exit(0);
}
if (!fs.existsSync(JAR)) execFileSync("./mvnw", ["-q", "-B", "-o", "-DskipTests", "package"], { cwd: REPO, stdio: "inherit" });
const version = spawnSync(LB, ["--version"], { encoding: "utf8" });
const meta = { llama_bench: LB, llama_bench_version: (version.stdout + version.stderr).trim().split("\n").pop(),
  host: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, ram_bytes: os.totalmem() }, date: new Date().toISOString() };
for (const [name, quant] of cases) {
  if (!MODELS[name]) { console.error(`unknown model ${name}`); continue; }
  const gguf = path.join(HERE, "models", `${name}-${quant}.gguf`);
  if (!fs.existsSync(gguf)) buildModel(name, quant, gguf);
  const quiet = await waitQuietRun();
  const load = loadavg1();
  const r = spawnSync(LB, ["-m", gguf, "-t", threads, "-p", "512", "-n", "128", "-r", reps, "-o", "jsonl"],
    { encoding: "utf8", maxBuffer: 1 << 24, timeout: 600000 });
  const rows = (r.stdout || "").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
  const ry = runyard(gguf);
  for (const b of rows) {
    const test = b.n_prompt > 0 ? "pp512" : "tg128";
    const row = { model: name, arch: MODELS[name].arch, quant, threads: b.n_threads, test, measured_tokens_per_s: b.avg_ts,
      stddev_tokens_per_s: b.stddev_ts, samples_ts: b.samples_ts, model_size: b.model_size, model_n_params: b.model_n_params,
      runyard_tokens_per_s: predicted(test, b.n_threads, ry), runyard: ry,
      quiet_before: quiet, loadavg_1m_before: load, run: meta };
    fs.appendFileSync(outFile, JSON.stringify(row) + "\n");
    const err = row.runyard_tokens_per_s ? ((row.runyard_tokens_per_s / b.avg_ts - 1) * 100).toFixed(1) + "%" : "-";
    console.error(`${name} ${quant} t=${b.n_threads} ${test}: measured ${b.avg_ts.toFixed(1)} ± ${b.stddev_ts.toFixed(1)}, `
      + `Runyard ${row.runyard_tokens_per_s?.toFixed(1) ?? "-"} (${err}); quiet ${quiet.quiet} load ${load}`);
  }
  if (!rows.length) console.error(`${name} ${quant}: llama-bench gave no rows: ${(r.stderr || "").slice(-300)}`);
}
