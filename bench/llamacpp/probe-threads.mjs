// Experiment: per-token time of llama.cpp decode at 1 and 2 threads, with and without sampling.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";
import { buildModel } from "./models.mjs";
const HERE = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const models = (argv[0] ?? "Qwen2.5-0.5B").split(",");
const quant = argv[1] ?? "Q4_0";
const threadsList = (argv[2] ?? "1,2").split(",").map(Number);
const N = Number(argv[3] ?? 48);
const llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.warn });
for (const name of models) {
  const gguf = path.join(HERE, "models", `${name}-${quant}.gguf`);
  fs.mkdirSync(path.dirname(gguf), { recursive: true });
  if (!fs.existsSync(gguf)) buildModel(name, quant, gguf);
  const model = await llama.loadModel({ modelPath: gguf, gpuLayers: 0, useMmap: true });
  for (const threads of threadsList) {
    const ctx = await model.createContext({ contextSize: 4096, flashAttention: false, batchSize: 512, threads, sequences: 1 });
    const seq = ctx.getSequence();
    await seq.evaluateWithoutGeneratingNewTokens([300, 301, 302, 303]);
    // a) one token per decode, no sampling
    let t0 = performance.now();
    for (let i = 0; i < N; i++) await seq.evaluateWithoutGeneratingNewTokens([310 + i]);
    const noSample = (performance.now() - t0) / N;
    await seq.clearHistory();
    // b) generation with greedy sampling
    let n = 0; t0 = performance.now();
    for await (const t of seq.evaluate([301], { temperature: 0, yieldEogToken: true })) { if (++n >= N) break; }
    const withSample = (performance.now() - t0) / n;
    console.log(JSON.stringify({ model: name, quant, threads, ms_per_token_no_sampling: +noSample.toFixed(2), ms_per_token_generate: +withSample.toFixed(2), loadavg: fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0] }));
    await ctx.dispose();
  }
  await model.dispose();
}
