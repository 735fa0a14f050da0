// Runs binaryen fuzz modules in V8 for the differential test (dev.beamr.fuzz.DiffRunner), printing
// for each module the same trace the Java side builds from Beamr:
//
//   module INDEX
//   invalid | MESSAGE                 (compile failed) or link-error | MESSAGE or start-trap KIND | MESSAGE
//   call EXPORT                       then, for each call of a logging import: log TYPE VALUE
//   return VALUE...  |  trap KIND | MESSAGE  |  exception  |  exhausted  |  unsupported | MESSAGE  |  timeout
//   end INDEX
//
// Every exported function is called in export order with fixed arguments (the k-th parameter gets
// entry k of its type's list below, cyclically), after resetting the module's hang limit.
// Usage: node --experimental-wasm-memory64 --experimental-wasm-extended-const \
//             --experimental-wasm-type-reflection difftest-node.mjs LIST_FILE [TIMEOUT_MS]
import fs from 'node:fs';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

const ARGUMENTS = {
  i32: [1, -1, 0x7fffffff, -0x80000000, 0, 0x10000],
  i64: [1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0n, 0x100000000n],
  f32: [1.5, -2.25, 0, -0, 65536],
  f64: [1.5, -2.25, 0, -0, 65536],
};
const HANG_LIMIT_RESET = 'hangLimitInitializer';

/** A value as the trace writes it: integers as unsigned decimals, floats as raw bits in hex, any NaN as nan. */
function format(type, value) {
  const view = new DataView(new ArrayBuffer(8));
  switch (type) {
    case 'i32': return 'i32:' + (value >>> 0);
    case 'i64': return 'i64:' + BigInt.asUintN(64, BigInt(value));
    case 'f32':
      if (Number.isNaN(value)) return 'f32:nan';
      view.setFloat32(0, value);
      return 'f32:' + view.getUint32(0).toString(16);
    case 'f64':
      if (Number.isNaN(value)) return 'f64:nan';
      view.setFloat64(0, value);
      return 'f64:' + view.getBigUint64(0).toString(16);
    default: return 'ref:' + (value === null ? 'null' : 'nonnull');
  }
}

/**
 * The trap kinds both sides can name; V8's messages map onto them, anything else is 'other'. One V8
 * message covers two spec traps (NaN and out-of-range truncation), written as alternatives a/b.
 */
function trapKind(message) {
  const kinds = [
    ['unreachable', 'unreachable'],
    ['divide by zero', 'div-zero'], ['remainder by zero', 'div-zero'],
    ['divide result unrepresentable', 'int-overflow'],
    ['float unrepresentable in integer range', 'invalid-conversion/int-overflow'],
    ['memory access out of bounds', 'memory-oob'],
    ['table index is out of bounds', 'table-oob'], ['invalid index into function table', 'table-oob'],
    ['element segment out of bounds', 'table-oob'],
    ['null function or function signature mismatch', 'indirect-call'],
    ['dereferencing a null pointer', 'null-ref'],
  ];
  for (const [text, kind] of kinds) if (message.includes(text)) return kind;
  return 'other';
}

function oneLine(text) {
  return String(text).replace(/\s+/g, ' ');
}

function outcome(error) {
  if (error instanceof WebAssembly.RuntimeError) return 'trap ' + trapKind(error.message) + ' | ' + oneLine(error.message);
  if (error instanceof RangeError && /call stack/.test(error.message)) return 'exhausted';
  if (typeof WebAssembly.Exception === 'function' && error instanceof WebAssembly.Exception) return 'exception';
  return 'unsupported | ' + oneLine(error);
}

function runModule(path, emit) {
  let module;
  try {
    module = new WebAssembly.Module(fs.readFileSync(path));
  } catch (error) {
    emit('invalid | ' + oneLine(error.message));
    return;
  }
  const logging = {};
  for (const type of ['i32', 'i64', 'f32', 'f64']) {
    logging['log-' + type] = (value) => emit('log ' + format(type, value));
  }
  let instance;
  try {
    instance = new WebAssembly.Instance(module, { 'fuzzing-support': logging });
  } catch (error) {
    if (error instanceof WebAssembly.LinkError) emit('link-error | ' + oneLine(error.message));
    else emit('start-' + outcome(error));
    return;
  }
  const exports = instance.exports;
  for (const { name, kind } of WebAssembly.Module.exports(module)) {
    if (kind !== 'function' || name === HANG_LIMIT_RESET) continue;
    if (exports[HANG_LIMIT_RESET]) exports[HANG_LIMIT_RESET]();
    emit('call ' + name);
    const type = WebAssembly.Function.type(exports[name]);
    const counters = {};
    const args = type.parameters.map((t) => {
      const k = counters[t] = (counters[t] ?? -1) + 1;
      return ARGUMENTS[t] ? ARGUMENTS[t][k % ARGUMENTS[t].length] : null;
    });
    try {
      const result = exports[name](...args);
      const values = type.results.length === 1 ? [result] : type.results.length === 0 ? [] : Array.from(result);
      emit(['return', ...values.map((v, i) => format(type.results[i], v))].join(' '));
    } catch (error) {
      emit(outcome(error));
    }
  }
}

if (isMainThread) {
  const paths = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((line) => line.length > 0);
  const timeoutMillis = Number(process.argv[3] ?? 10000);
  let worker = null;
  const spawn = () => new Worker(new URL(import.meta.url), { stdout: false });
  for (let index = 0; index < paths.length; index++) {
    worker ??= spawn();
    const lines = await new Promise((resolve) => {
      const collected = [];
      const timer = setTimeout(() => {
        collected.push('timeout');
        worker.terminate();
        worker = null;
        resolve(collected);
      }, timeoutMillis);
      worker.removeAllListeners('message');
      worker.on('message', (message) => {
        if (message.done) {
          clearTimeout(timer);
          resolve(collected);
        } else {
          collected.push(message.line);
        }
      });
      worker.postMessage(paths[index]);
    });
    process.stdout.write(['module ' + index, ...lines, 'end ' + index].join('\n') + '\n');
  }
  if (worker) await worker.terminate();
} else {
  parentPort.on('message', (path) => {
    runModule(path, (line) => parentPort.postMessage({ line }));
    parentPort.postMessage({ done: true });
  });
}
