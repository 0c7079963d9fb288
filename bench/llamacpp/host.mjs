// This machine's load, shared by run.mjs and bench.mjs: other processes share it, so speed runs wait for quiet.
import fs from "node:fs";

export const loadavg1 = () => Number(fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]);

function cpuTimes() {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}

// Waits (up to maxMs) for `seconds` seconds in a row in which the machine is under `below` busy; says what it found.
export async function waitQuiet({ seconds, below, maxMs }) {
  const t0 = Date.now(); let quiet = 0, busy = 1;
  while (Date.now() - t0 < maxMs && quiet < seconds) {
    const a = cpuTimes(); await new Promise((r) => setTimeout(r, 1000)); const b = cpuTimes();
    busy = 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
    quiet = busy < below ? quiet + 1 : 0;
  }
  return { waited_s: (Date.now() - t0) / 1000, busy: Number(busy.toFixed(3)), quiet: quiet >= seconds };
}
