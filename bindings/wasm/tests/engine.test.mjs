// The engine through WebAssembly, under node: the corpus judged byte for byte as the Rust
// engine judges it, metadata, rule-file tools, and bad input that must throw, never trap.
//
// Needs bindings/wasm/pkg (built by `cargo xtask test wasm`) and the `hjl` binary ($HJL_BIN).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

import { initSync, Engine, check, runTests, version } from '../pkg/hjl_wasm.js';

const builtinSources = () => readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'pkg', 'rulesets.json'), 'utf8');

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
initSync({ module: readFileSync(join(here, '..', 'pkg', 'hjl_wasm_bg.wasm')) });
const engine = Engine.builtin();

const corpusDir = join(root, 'tests', 'corpus');
const corpus = readdirSync(corpusDir)
  .filter((n) => n.endsWith('.json') && !n.endsWith('.expected.json'))
  .sort()
  .map((n) => [n, readFileSync(join(corpusDir, n), 'utf8')]);

test('the corpus is judged byte for byte as by the hjl command', () => {
  assert.ok(corpus.length >= 30);
  const hjl = process.env.HJL_BIN;
  assert.ok(hjl, 'set HJL_BIN to the hjl binary of this checkout');
  // Raw newlines only separate tokens in JSON, so each record fits on one line.
  const lines = corpus.map(([, text]) => text.split(/\r?\n/).join(' '));
  const dir = mkdtempSync(join(tmpdir(), 'hjl-wasm-'));
  const stream = join(dir, 'corpus.jsonl');
  writeFileSync(stream, lines.join('\n') + '\n');
  let out;
  try {
    out = execFileSync(hjl, ['eval', '--json', join(root, 'rulesets'), stream], {
      encoding: 'utf8',
      maxBuffer: 1 << 30, // the corpus's reports run to several megabytes
    });
  } catch (e) {
    out = e.stdout; // exit status 1: some corpus records have errors, by design
  }
  const byCli = out.split('\n').filter((l) => l.length > 0);
  assert.equal(byCli.length, corpus.length);
  lines.forEach((text, i) => {
    let ours;
    try {
      ours = engine.evaluate(text, i + 1);
    } catch (e) {
      ours = JSON.stringify({ line: i + 1, error: e.message });
    }
    assert.equal(ours, byCli[i], corpus[i][0]);
  });
});

test('the corpus expectations hold', () => {
  for (const [name, text] of corpus) {
    const expected = JSON.parse(readFileSync(join(corpusDir, name.replace('.json', '.expected.json')), 'utf8'));
    let actual;
    try {
      actual = JSON.parse(engine.evaluate(text));
    } catch (e) {
      actual = { error: e.message };
    }
    assert.deepEqual(actual, expected, name);
  }
});

test('classification agrees with the judgement on every corpus record', () => {
  for (const [name, text] of corpus) {
    let full;
    try {
      full = JSON.parse(engine.evaluate(text));
    } catch {
      assert.throws(() => engine.classify(text), Error, name);
      continue;
    }
    const bulk = JSON.parse(engine.classify(text));
    assert.equal(bulk.verdict, full.verdict, name);
    assert.equal(bulk.errors, full.errors.length, name);
    for (const report of full.reports) {
      const s = bulk.standards.find((x) => x.standard === report.standard);
      assert.equal(s.verdict, report.verdict, name);
      assert.deepEqual(s.major, report.findings.map((f) => f.clause), name);
      assert.equal(s.near, report.clauses.near, name);
      assert.equal(s.not_inspected, report.clauses.not_inspected, name);
    }
    for (const n of full.not_applicable) {
      const s = bulk.standards.find((x) => x.standard === n.standard);
      assert.equal(s.verdict, 'not_applicable', name);
    }
  }
});

test('a record may be given as an object', () => {
  const record = { inspection: { date: '2024-06-01' }, enterprise: { sector: 'metallurgy' } };
  assert.equal(engine.evaluate(record), engine.evaluate(JSON.stringify(record)));
  assert.equal(engine.classify(record), engine.classify(JSON.stringify(record)));
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => engine.evaluate(cyclic), Error);
  assert.throws(() => engine.evaluate([1]), Error);
});

test('standards, facts and version describe the engine', () => {
  const standards = JSON.parse(engine.standards());
  assert.ok(standards.some((s) => s.name === 'industry_trade' && s.clauses > 50));
  const facts = JSON.parse(engine.facts());
  const sector = facts.find((f) => f.path === 'enterprise.sector');
  assert.equal(sector.type, 'enum');
  assert.ok(sector.values.some((v) => v.name === 'metallurgy' && v.label));
  const furnaces = facts.find((f) => f.path === 'metallurgy.blast_furnaces');
  assert.equal(furnaces.fields.find((f) => f.name === 'top_pressure_setpoint').unit, 'kPa');
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test('check gives located diagnostics, and the shipped files have none that are errors', () => {
  const shipped = builtinSources();
  const diagnostics = JSON.parse(check(shipped));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const broken = JSON.stringify({ 'bad.hjl': 'standard x "X" {\n  issuer "I" document "D" effective 2024-01-01\n}\n\nclause "一" "t" { major when nonsense.fact }\n' });
  const [d] = JSON.parse(check(broken));
  assert.equal(d.file, 'bad.hjl');
  assert.equal(d.line, 5);
  assert.ok(d.column > 1 && d.code && d.message && d.severity === 'error');
});

test('the shipped rule-file tests pass through WebAssembly', () => {
  const results = JSON.parse(runTests(builtinSources()));
  assert.ok(results.length > 100);
  assert.deepEqual(results.filter((r) => r.failures.length > 0), []);
});

test('bad input throws an Error, never traps', () => {
  assert.throws(() => Engine.fromSources('{"bad.hjl": "standard {"}'), (e) => e instanceof Error && /bad\.hjl/.test(e.message));
  assert.throws(() => Engine.fromSources('not json'), Error);
  assert.throws(() => runTests('{"bad.hjl": "clause"}'), Error);
  for (const bad of ['', '[]', 'null', '{', '"text"', '['.repeat(100000), '{"a":' + '['.repeat(5000)]) {
    assert.throws(() => engine.evaluate(bad), (e) => e instanceof Error && !/unreachable/.test(e.message), JSON.stringify(bad.slice(0, 20)));
  }
  // Values it cannot read are errors in the judgement, not exceptions.
  const odd = JSON.parse(engine.evaluate('{"inspection": {"date": "2024-02-30"}, "enterprise": {"sector": 1e400}, "x": "\ud800"}'));
  assert.ok(odd.errors.length >= 2);
  // The engine still works after all of that.
  assert.equal(JSON.parse(engine.evaluate('{"enterprise": {"sector": "metallurgy"}}')).errors.length, 0);
});

test('the bad-input catalogue is judged as the Rust engine expects', () => {
  const dir = join(root, 'tests', 'bad-input', 'records');
  const files = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.endsWith('.expected.json')).sort();
  assert.ok(files.length >= 40);
  const rules = Object.fromEntries(['common.hjl', 'industry-trade.hjl']
    .map((n) => [`rulesets/${n}`, readFileSync(join(root, 'rulesets', n), 'utf8')]));
  const trade = Engine.fromSources(JSON.stringify(rules));
  for (const name of files) {
    const expected = JSON.parse(readFileSync(join(dir, name.replace(/\.json$/, '.expected.json')), 'utf8'));
    const text = readFileSync(join(dir, name), 'utf8');
    let actual;
    try {
      actual = JSON.parse(trade.evaluate(text));
    } catch (e) {
      assert.ok(e instanceof Error, `${name}: an Error, not a trap`);
      actual = { error: e.message };
    }
    assert.deepStrictEqual(actual, expected, name);
  }
  trade.free();
});

test('limits on a record are set per engine', () => {
  assert.deepEqual(JSON.parse(engine.limits()), { recordBytes: 64 << 20, listRows: 100000, textBytes: 1 << 20 });
  const record = JSON.stringify({
    inspection: { date: '2024-06-01' },
    enterprise: { sector: 'metallurgy', name: '某'.repeat(100) },
  });
  const strict = engine.withLimits(64 << 20, 100000, 200);
  const judged = JSON.parse(strict.evaluate(record));
  assert.deepEqual(judged.errors.map((e) => e.path), ['enterprise.name']);
  assert.equal(JSON.parse(engine.evaluate(record)).errors.length, 0, 'the engine it came from is unchanged');
  const tiny = engine.withLimits(100, 100000, 1 << 20);
  assert.throws(() => tiny.evaluate(record), (e) => /超过上限 100 字节/.test(e.message));
  for (const bad of [0, -1, 1.5, NaN, 2 ** 40]) {
    assert.throws(() => engine.withLimits(bad, 1, 1), (e) => /recordBytes/.test(e.message), String(bad));
  }
  strict.free();
  tiny.free();
});

test('diff compares two inspections as the Rust engine does', () => {
  const pair = join(root, 'tests', 'reinspection', '06-revised-standard-in-force');
  const before = readFileSync(join(pair, 'before.json'), 'utf8');
  const after = JSON.parse(readFileSync(join(pair, 'after.json'), 'utf8'));
  const expected = readFileSync(join(pair, 'expected.json'), 'utf8');
  assert.deepEqual(JSON.parse(engine.diff(before, after)), JSON.parse(expected));
  assert.throws(() => engine.diff(before, '[1]'), (e) => /复查/.test(e.message));
});

test('diff reads judgements as it reads records', () => {
  const pair = join(root, 'tests', 'reinspection', '01-closed-on-evidence');
  const before = readFileSync(join(pair, 'before.json'), 'utf8');
  const after = readFileSync(join(pair, 'after.json'), 'utf8');
  const fromRecords = JSON.parse(engine.diff(before, after));
  const fromJudgements = JSON.parse(engine.diff(engine.evaluate(before), engine.evaluate(after)));
  assert.deepEqual(fromJudgements.hazards.map((h) => [h.clause, h.change]), fromRecords.hazards.map((h) => [h.clause, h.change]));
  assert.equal(fromJudgements.counts.closed, 1);
});
