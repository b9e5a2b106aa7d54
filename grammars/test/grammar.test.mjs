// The TextMate grammar `grammars/hjl.tmLanguage.json`, tokenized by the engine VS Code itself
// uses (vscode-textmate on vscode-oniguruma): on every shipped rule file, and on the small
// cases a user would notice in an editor.

import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const textmate = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = fileURLToPath(new URL("../..", import.meta.url));
const grammarPath = join(root, "grammars/hjl.tmLanguage.json");
const rawGrammar = JSON.parse(readFileSync(grammarPath, "utf8"));
const BASE = "source.hjl";

await oniguruma.loadWASM(readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")));
const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text) => new oniguruma.OnigString(text),
  }),
  loadGrammar: async (scopeName) =>
    scopeName === BASE ? textmate.parseRawGrammar(JSON.stringify(rawGrammar), grammarPath) : null,
});
const grammar = await registry.loadGrammar(BASE);

/** Each line of `text` with the scopes of each of its characters (UTF-16 units). */
function tokenize(text) {
  let state = textmate.INITIAL;
  return text.split("\n").map((raw) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    state = ruleStack;
    const scopes = new Array(line.length);
    for (const token of tokens) {
      for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) {
        scopes[i] = token.scopes;
      }
    }
    return { line, scopes };
  });
}

/** Layout as the language reads it: ASCII whitespace, the ideographic space, a byte-order mark. */
const LAYOUT = new Set(" \t\n\v\f\r\u3000\uFEFF");
const isLayout = (c) => LAYOUT.has(c);

/** Whether `scopes` holds `name` or a more specific scope under it (`keyword` holds `keyword.other.x`). */
const holds = (scopes, name) => scopes.some((s) => s === name || s.startsWith(`${name}.`));

/** A character is highlighted when some scope of it is neither the base nor a `meta.` region. */
const highlighted = (scopes) => scopes.some((s) => s !== BASE && !s.startsWith("meta."));

/** Every scope name the grammar gives (`name`, `contentName`, in rules and captures). */
function grammarScopes(node, into = new Set()) {
  if (Array.isArray(node)) {
    node.forEach((n) => grammarScopes(n, into));
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if ((key === "name" || key === "contentName") && typeof value === "string") {
        value.split(" ").forEach((s) => into.add(s));
      } else if (typeof value === "object") {
        grammarScopes(value, into);
      }
    }
  }
  return into;
}

const rulesets = readdirSync(join(root, "rulesets"))
  .filter((f) => f.endsWith(".hjl"))
  .sort()
  .map((f) => ({ file: `rulesets/${f}`, lines: tokenize(readFileSync(join(root, "rulesets", f), "utf8")) }));

/** Every non-layout character of the shipped rule files, with where it stands. */
function* shippedCharacters() {
  for (const { file, lines } of rulesets) {
    for (const [n, { line, scopes }] of lines.entries()) {
      for (let i = 0; i < line.length; i++) {
        if (!isLayout(line[i])) yield { at: `${file}:${n + 1}:${i + 1}`, char: line[i], scopes: scopes[i] };
      }
    }
  }
}

/**
 * Scopes that a valid shipped file cannot or does not use, each with a small text that must
 * produce it: the reader refuses invalid text, and no shipped file has a block comment or an
 * escape. Every other scope must occur in the shipped files.
 */
const ONLY_IN_SAMPLES = {
  "comment.block.hjl": "/* major when x */",
  "constant.character.escape.hjl": 'note "a \\"quoted\\" word"',
  "invalid.illegal.unrecognized-escape.hjl": 'note "C:\\data"',
  "invalid.illegal.character.hjl": "major when a，b",
};

test("the grammar is for .hjl files, and the shipped rule files are there to test it with", () => {
  assert.equal(rawGrammar.scopeName, BASE);
  assert.deepEqual(rawGrammar.fileTypes, ["hjl"]);
  assert.ok(rulesets.length >= 20, `only ${rulesets.length} rule files under rulesets/`);
});

test("every scope the grammar gives occurs in the shipped rule files", () => {
  const seen = new Set();
  for (const { scopes } of shippedCharacters()) scopes.forEach((s) => seen.add(s));
  const defined = grammarScopes([rawGrammar.patterns, rawGrammar.repository]);
  const unused = [...defined].filter((s) => !seen.has(s) && !(s in ONLY_IN_SAMPLES));
  assert.deepEqual(unused, [], "scopes no shipped rule file produces (a rule that never fires?)");
  const nowUsed = Object.keys(ONLY_IN_SAMPLES).filter((s) => seen.has(s));
  assert.deepEqual(nowUsed, [], "scopes the shipped files now produce: drop them from ONLY_IN_SAMPLES");
  for (const [scope, sample] of Object.entries(ONLY_IN_SAMPLES)) {
    assert.ok(defined.has(scope), `${scope} is not a scope of the grammar`);
    const produced = tokenize(sample).flatMap(({ scopes }) => scopes.flat());
    assert.ok(produced.includes(scope), `${JSON.stringify(sample)} gives no ${scope}`);
  }
});

test("every non-blank character of the shipped rule files is highlighted", () => {
  const bare = [];
  for (const { at, char, scopes } of shippedCharacters()) {
    if (!highlighted(scopes)) bare.push(`${at} ${JSON.stringify(char)} [${scopes.join(" ")}]`);
  }
  assert.deepEqual(bare.slice(0, 20), [], `${bare.length} characters with no scope beyond ${BASE}`);
});

test("nothing in the shipped rule files is marked invalid", () => {
  const invalid = [];
  for (const { at, char, scopes } of shippedCharacters()) {
    if (holds(scopes, "invalid")) invalid.push(`${at} ${JSON.stringify(char)} [${scopes.join(" ")}]`);
  }
  assert.deepEqual(invalid.slice(0, 20), [], `${invalid.length} characters marked invalid`);
});

// ------------------------------------------------------------------ targeted cases

/** The scopes of each non-layout character of the `nth` occurrence of `fragment` in `text`. */
function scopesOf(text, fragment, nth = 0) {
  const lines = tokenize(text);
  let found = -1;
  for (const { line, scopes } of lines) {
    let from = 0;
    for (;;) {
      const at = line.indexOf(fragment, from);
      if (at < 0) break;
      found += 1;
      if (found === nth) {
        const chars = [];
        for (let i = at; i < at + fragment.length; i++) {
          if (!isLayout(line[i])) chars.push({ char: line[i], scopes: scopes[i] });
        }
        return chars;
      }
      from = at + 1;
    }
  }
  throw new Error(`${JSON.stringify(fragment)} (occurrence ${nth}) is not in ${JSON.stringify(text)}`);
}

/** Asserts that every character of `fragment` in `text` has `scope` (or one under it). */
function assertScope(text, fragment, scope, nth = 0) {
  for (const { char, scopes } of scopesOf(text, fragment, nth)) {
    const where = `${JSON.stringify(char)} of ${JSON.stringify(fragment)} in ${JSON.stringify(text)}`;
    assert.ok(holds(scopes, scope), `${where}: [${scopes.join(" ")}], not ${scope}`);
  }
}

/** Asserts that no character of `fragment` in `text` has `scope` (or one under it). */
function assertNoScope(text, fragment, scope, nth = 0) {
  for (const { char, scopes } of scopesOf(text, fragment, nth)) {
    const where = `${JSON.stringify(char)} of ${JSON.stringify(fragment)} in ${JSON.stringify(text)}`;
    assert.ok(!holds(scopes, scope), `${where}: [${scopes.join(" ")}] has ${scope}`);
  }
}

test("a comment holding keywords, numbers and strings is all comment", () => {
  const line = '  major when x > 3  // major when a and not b, 30 m, 2024-01-01, "引号"';
  const comment = line.slice(line.indexOf("//"));
  assertScope(line, comment, "comment.line.double-slash.hjl");
  for (const scope of ["keyword", "constant", "string", "variable"]) assertNoScope(line, comment, scope);
  assertScope(line, "major", "keyword.other.major.hjl");

  const block = "/* major when\n   a and 3 m */ fact x : bool \"x\"";
  assertScope(block, "major when", "comment.block.hjl");
  assertScope(block, "a and 3 m */", "comment.block.hjl");
  assertNoScope(block, "a and 3 m */", "keyword");
  assertScope(block, "fact", "storage.type.fact.hjl");
});

test("a string holding keywords, numbers and dates is all string", () => {
  const text = 'note "and or not in 30 m 2024-01-01 // not a comment" and x';
  const string = '"and or not in 30 m 2024-01-01 // not a comment"';
  assertScope(text, string, "string.quoted.double.hjl");
  for (const scope of ["keyword", "constant", "comment", "variable"]) assertNoScope(text, string, scope);
  assertScope(text, "and", "keyword.operator.logical.hjl", 1);
});

test("a keyword inside an identifier is part of the identifier", () => {
  const text = "  major when android_count > 0 and notes_ok or inspection.in_use and not_applicable_flag";
  for (const word of ["android_count", "notes_ok", "inspection", "in_use", "not_applicable_flag"]) {
    assertScope(text, word, "variable.other.hjl");
    assertNoScope(text, word, "keyword");
  }
  assertScope(text, " and ", "keyword.operator.logical.hjl");
  assertScope(text, " or ", "keyword.operator.logical.hjl");
  assertScope(text, "major", "keyword.other.major.hjl");
});

test("a number with a unit: the number and the unit have their own scopes", () => {
  const text = "  major when d < 30 m or p >= 0.4 MPa or t > 2 h or g >= 25 %LEL or c < -10 °C or q < 3000 m³/min";
  const written = [["30", "m "], ["0.4", "MPa"], ["2", "h "], ["25", "%LEL"], ["10", "°C"], ["3000", "m³/min"]];
  for (const [number, unit] of written) {
    assertScope(text, `${number} `, "constant.numeric.decimal.hjl");
    assertScope(text, unit, "keyword.other.unit.hjl");
  }
  // A keyword after a number is not a unit.
  const count = "  major when at least 2 of [a, b, c]";
  assertScope(count, "2", "constant.numeric.decimal.hjl");
  assertScope(count, "of", "keyword.operator.quantifier.hjl");
  assertNoScope(count, "of", "keyword.other.unit.hjl");
  // A unit written against the number.
  assertScope("major when h > 30m", "m", "keyword.other.unit.hjl", 1);
  // A unit in a fact's type and bounds.
  const fact = 'fact blast.top_pressure : pressure in kPa (>= 0 kPa, <= 1 MPa) "炉顶压力"';
  assertScope(fact, "kPa", "keyword.other.unit.hjl", 0);
  assertScope(fact, "kPa", "keyword.other.unit.hjl", 1);
  assertScope(fact, "pressure", "support.type.hjl", 1);
});

test("a date is one date token, also with one-digit month and day", () => {
  assertScope("  effective 2026-01-01", "2026-01-01", "constant.numeric.date.hjl");
  assertScope("  major when cert.valid_until < 2026-1-5", "2026-1-5", "constant.numeric.date.hjl");
  assertScope("given { inspection.date: 2024-03-01 }", "2024-03-01", "constant.numeric.date.hjl");
  assertNoScope("  major when x > 2024 - 3", "2024", "constant.numeric.date.hjl");
});

test("Chinese text: strings, clause numbers with full-width brackets, section titles", () => {
  const text = [
    'section "冶金" {',
    '  clause "第四条（五）" "高炉炉顶压力设定值超过设计最高工作压力" {',
    "    major when a",
    "  }",
    "}",
  ].join("\n");
  assertScope(text, "冶金", "entity.name.section.hjl");
  assertScope(text, "第四条（五）", "entity.name.function.clause.hjl");
  assertScope(text, '"第四条（五）"', "string.quoted.double.hjl");
  assertScope(text, '"高炉炉顶压力设定值超过设计最高工作压力"', "string.quoted.double.hjl");
  assertNoScope(text, "高炉炉顶压力设定值超过设计最高工作压力", "entity.name");
  const pending = 'clause "4.1（一）" "标题" pending "原文未取得"';
  assertScope(pending, "4.1（一）", "entity.name.function.clause.hjl");
  assertScope(pending, "pending", "keyword.other.pending.hjl");
  const expect = '  expect major ["第四条(五)",\n                "4.1（一）"]';
  assertScope(expect, "第四条(五)", "entity.name.function.clause.hjl");
  assertScope(expect, "4.1（一）", "entity.name.function.clause.hjl");
  assertScope(expect, "major", "constant.language.outcome.hjl");
});

test("Unicode identifiers are names", () => {
  const text = 'fact 温度.上限 : number "温度上限"\nlet 高温 = 温度.上限 > 30 °C';
  assertScope(text, "温度.上限", "entity.name.variable.fact.hjl");
  assertScope(text, "高温", "entity.name.variable.definition.hjl");
  assertScope(text, "温度", "variable.other.hjl", 2);
  assertScope(text, "上限", "variable.other.hjl", 2);
});

test("header words and type names are keywords only where the language reads them so", () => {
  const text = [
    'fact document.issuer : text "发文机关"',
    'fact x.date : date "日期"',
    'standard s "标准" {',
    '  issuer "应急管理部"',
    "}",
  ].join("\n");
  assertScope(text, "document.issuer", "entity.name.variable.fact.hjl");
  assertScope(text, "issuer", "keyword.other.header.hjl", 1);
  assertScope(text, "x.date", "entity.name.variable.fact.hjl");
  assertScope(text, "date", "support.type.hjl", 1);
  assertScope(text, "text", "support.type.hjl");
  assertScope(text, "standard", "storage.type.standard.hjl");
  assertScope("  major when inspection.date > cert.text", "date", "variable.other.hjl");
  // A declaring word that is not reserved may be an enum variant: it declares nothing.
  const variant = "  major when kind == standard and level == test\n  note \"x\"";
  assertScope(variant, "standard", "variable.other.hjl");
  assertScope(variant, " and ", "keyword.operator.logical.hjl");
  assertScope(variant, "note", "keyword.other.note.hjl");
  assertNoScope(variant, "note", "meta.standard.hjl");
});

test("a test: record keys, enum values and expected outcomes", () => {
  const text = [
    'test "炉顶压力高于设计值" {',
    "  given { enterprise.sector: metallurgy, blast: { in_production: true, top_pressure: 260 kPa },",
    '          furnaces: [{name: "1号炉", alarm: failed}], temperature: -5 °C }',
    '  expect major ["第四条（五）"]',
    "  expect verdict not_assessed",
    "}",
  ].join("\n");
  assertScope(text, "炉顶压力高于设计值", "entity.name.function.test.hjl");
  assertScope(text, "given", "keyword.other.given.hjl");
  const keys = ["enterprise.sector", "blast", "in_production", "top_pressure", "furnaces", "name", "alarm"];
  for (const key of keys) {
    assertScope(text, key, "support.type.property-name.hjl");
  }
  assertScope(text, "metallurgy", "variable.other.enummember.hjl");
  assertScope(text, "failed", "variable.other.enummember.hjl");
  assertScope(text, "true", "constant.language.boolean.hjl");
  assertScope(text, "-5", "constant.numeric.decimal.hjl");
  assertScope(text, "1号炉", "string.quoted.double.hjl");
  assertScope(text, "major", "constant.language.outcome.hjl");
  assertNoScope(text, "major", "keyword");
  assertScope(text, "verdict", "keyword.other.verdict.hjl");
  assertScope(text, "not_assessed", "constant.language.outcome.hjl");
  assertScope(text, "}", "punctuation.section.braces.end.hjl", 3);
});

test("a string left open ends at the line's end", () => {
  const text = 'note "未闭合\n  major when a';
  assertScope(text, "未闭合", "string.quoted.double.hjl");
  assertScope(text, "major", "keyword.other.major.hjl");
  assertNoScope(text, "major", "string");
});

test("a character the language does not read is marked invalid", () => {
  assertScope("  major when a，b", "，", "invalid.illegal.character.hjl");
  assertScope("  major when a && b", "&&", "invalid.illegal.character.hjl");
  assertScope('note "a\\qb"', "\\q", "invalid.illegal.unrecognized-escape.hjl");
  assertScope('note "a\\tb"', "\\t", "constant.character.escape.hjl");
});
