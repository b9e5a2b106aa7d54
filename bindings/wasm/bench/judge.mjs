// Judging in node (WebAssembly) against the native `hjl` command on the same records, and
// the engine's start-up under node. Not a test: timings on a shared machine vary; compare
// the ratios, each measured in the same run.
//
//   node bindings/wasm/bench/judge.mjs RECORDS.jsonl [COUNT]
//
// Needs bindings/wasm/pkg (`cargo xtask wasm`) and target/release/hjl ($HJL_BIN).

import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { initSync, Engine } from '../pkg/hjl_wasm.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const [file, count = '10000'] = process.argv.slice(2);
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).slice(0, Number(count));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const wasm = readFileSync(join(here, '..', 'pkg', 'hjl_wasm_bg.wasm'));
let t = performance.now();
initSync({ module: wasm });
const instantiate = performance.now() - t;
t = performance.now();
const engine = Engine.builtin();
const loaded = performance.now() - t;
t = performance.now();
Engine.fromSources(readFileSync(join(here, '..', 'pkg', 'rulesets.json'), 'utf8')).free();
const compile = performance.now() - t;

const hjl = process.env.HJL_BIN ?? join(root, 'target', 'release', 'hjl');
const sample = join(here, '..', '..', '..', 'target', 'wasm-bench.jsonl');
await import('node:fs').then((fs) => fs.writeFileSync(sample, lines.join('\n') + '\n'));

const rounds = { wasm: [], native: [], nativeStartup: [] };
for (let round = 0; round < 3; round++) {
  t = performance.now();
  let bytes = 0;
  for (const line of lines) bytes += engine.evaluate(line).length;
  rounds.wasm.push(performance.now() - t);
  t = performance.now();
  execFileSync(hjl, ['eval', '--json', '--threads', '1', join(root, 'rulesets'), sample], { stdio: ['ignore', 'ignore', 'ignore'] });
  rounds.native.push(performance.now() - t);
  // The native run includes starting the process and compiling the rules: measured alone.
  t = performance.now();
  execFileSync(hjl, ['eval', '--json', '--jsonl', join(root, 'rulesets'), '-'], { input: '', stdio: ['pipe', 'ignore', 'ignore'] });
  rounds.nativeStartup.push(performance.now() - t);
  if (bytes === 0) throw new Error('nothing judged');
}
const wasmMs = median(rounds.wasm);
const nativeMs = median(rounds.native) - median(rounds.nativeStartup);
console.log(`${lines.length} records, one thread, full JSON judgements, medians of 3 rounds`);
console.log(`| path | ms | µs per record |`);
console.log(`|---|---:|---:|`);
console.log(`| node (WebAssembly) | ${wasmMs.toFixed(0)} | ${(1000 * wasmMs / lines.length).toFixed(1)} |`);
console.log(`| native hjl eval (start-up subtracted) | ${nativeMs.toFixed(0)} | ${(1000 * nativeMs / lines.length).toFixed(1)} |`);
console.log(`ratio node / native: ${(wasmMs / nativeMs).toFixed(2)} (target ≤ 2.5)`);
console.log(`start-up under node: instantiate ${instantiate.toFixed(1)} ms + load the shipped rules compiled at build time ${loaded.toFixed(1)} ms (compiling every shipped rule file instead: ${compile.toFixed(1)} ms, after the load warmed the code)`);
