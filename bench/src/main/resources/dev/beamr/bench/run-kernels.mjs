// Runs benchmark kernels in Node.js (V8) with the same policy as the Java harness: warm-up calls,
// then the best of several timed calls, all on one instance.
//   node [--experimental-wasm-memory64] run-kernels.mjs FILE WARMUP RUNS EXPORT=ARG...
// Prints one line per kernel: EXPORT BEST_MS RESULT (the result as JavaScript prints it).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [file, warmupText, runsText, ...kernels] = process.argv.slice(2);
const warmup = Number(warmupText);
const runs = Number(runsText);
if (!file || !Number.isInteger(warmup) || !Number.isInteger(runs) || runs < 1 || kernels.length === 0) {
  console.error('usage: run-kernels.mjs FILE WARMUP RUNS EXPORT=ARG...');
  process.exit(2);
}

const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
for (const kernel of kernels) {
  const [name, argText] = kernel.split('=');
  const run = instance.exports[name];
  if (typeof run !== 'function') {
    console.error(`${file} exports no function ${name}`);
    process.exit(1);
  }
  const arg = Number(argText);
  let result;
  for (let i = 0; i < warmup; i++) result = run(arg);
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = run(arg);
    best = Math.min(best, performance.now() - start);
  }
  console.log(`${name} ${best.toFixed(3)} ${String(result)}`);
}
