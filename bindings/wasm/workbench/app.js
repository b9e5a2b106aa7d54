// The workbench: an inspection form generated from the facts of the chosen standards, the
// record JSON kept in sync with it, the live judgement, and a rule editor with live
// diagnostics and the rule-file tests. Everything runs in the page (WebAssembly); nothing
// is sent anywhere.

import init, { Engine, check, runTests, labels } from '../pkg/hjl_wasm.js';

const $ = (id) => document.getElementById(id);
const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The engine's own Chinese words for verdicts and statuses (filled at start).
let VERDICTS = {};
let STATUSES = {};
const TYPES = { bool: '是/否', integer: '整数', number: '数值', quantity: '数量', enum: '选项', date: '日期', text: '文字', list: '列表' };

const state = {
  engine: null,
  sources: {}, // name → text (edited)
  builtin: {}, // name → text (shipped)
  file: null,
  facts: [],
  standards: [],
  record: {}, // flat: dotted path → value (lists: arrays of row objects)
};

// ---------------------------------------------------------------- record <-> JSON

/** The record as nested JSON, from the flat form state. */
function nested(flat) {
  const out = {};
  for (const [path, value] of Object.entries(flat)) {
    if (value === undefined || value === '') continue;
    const parts = path.split('.');
    let at = out;
    parts.slice(0, -1).forEach((p) => { at = at[p] = (typeof at[p] === 'object' && at[p] !== null && !Array.isArray(at[p])) ? at[p] : {}; });
    at[parts.at(-1)] = value;
  }
  return out;
}

/** The flat form state from nested JSON: declared paths are found at any depth. */
function flat(record) {
  const declared = new Set(state.facts.map((f) => f.path));
  const out = {};
  const walk = (value, prefix) => {
    if (declared.has(prefix)) { out[prefix] = value; return; }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (prefix) {
      out[prefix] = value; // not declared: kept, so that the engine can warn about it
    }
  };
  walk(record, '');
  return out;
}

// ---------------------------------------------------------------- the form

function input(fact, value, onChange) {
  let el;
  const kind = fact.type;
  if (kind === 'bool') {
    el = document.createElement('select');
    el.innerHTML = '<option value="">（未填）</option><option value="true">是</option><option value="false">否</option>';
    el.value = value === true ? 'true' : value === false ? 'false' : '';
    el.onchange = () => onChange(el.value === '' ? undefined : el.value === 'true');
  } else if (kind === 'enum') {
    el = document.createElement('select');
    el.innerHTML = '<option value="">（未填）</option>' + fact.values.map((v) => `<option value="${escape(v.name)}">${escape(v.label)}（${escape(v.name)}）</option>`).join('');
    el.value = value ?? '';
    el.onchange = () => onChange(el.value || undefined);
  } else if (kind === 'date') {
    el = document.createElement('input');
    el.type = 'date';
    el.value = value ?? '';
    el.oninput = () => onChange(el.value || undefined);
  } else if (kind === 'integer' || kind === 'number') {
    el = document.createElement('input');
    el.type = 'number';
    el.step = kind === 'integer' ? '1' : 'any';
    el.value = value ?? '';
    el.oninput = () => onChange(el.value === '' ? undefined : Number(el.value));
  } else if (kind === 'quantity') {
    // A number in the declared unit, or a number with any unit of its kind ("0.26 MPa"):
    // the unit a record gives is kept as it is.
    el = document.createElement('input');
    el.type = 'text';
    el.inputMode = 'decimal';
    el.placeholder = fact.unit;
    el.value = value && typeof value === 'object' ? `${value.value ?? ''} ${value.unit ?? ''}`.trim() : value ?? '';
    el.oninput = () => {
      const text = el.value.trim();
      onChange(text === '' ? undefined : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
    };
  } else {
    el = document.createElement('input');
    el.type = 'text';
    el.value = value ?? '';
    el.oninput = () => onChange(el.value || undefined);
  }
  el.dataset.path = fact.path ?? fact.name;
  el.title = `${fact.label}（${TYPES[kind] ?? kind}${fact.unit ? '，单位 ' + fact.unit : ''}）`;
  return el;
}

function listFact(fact) {
  const box = document.createElement('div');
  box.className = 'list-fact';
  const rows = () => (Array.isArray(state.record[fact.path]) ? state.record[fact.path] : []);
  const draw = () => {
    const head = fact.fields.map((f) => `<th>${escape(f.label)}${f.unit ? `<span class="unit">（${escape(f.unit)}）</span>` : ''}<div class="path">${escape(f.name)}</div></th>`).join('');
    box.innerHTML = `<div><b>${escape(fact.label)}</b> <span class="path">${escape(fact.path)}</span></div><div class="scroll"><table><thead><tr>${head}<th></th></tr></thead><tbody></tbody></table></div>`;
    const body = box.querySelector('tbody');
    rows().forEach((row, i) => {
      const tr = document.createElement('tr');
      for (const field of fact.fields) {
        const td = document.createElement('td');
        td.appendChild(input(field, row[field.name], (v) => {
          if (v === undefined) delete row[field.name]; else row[field.name] = v;
          changed('form');
        }));
        tr.appendChild(td);
      }
      const td = document.createElement('td');
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '删除';
      remove.onclick = () => { state.record[fact.path] = rows().filter((_, j) => j !== i); draw(); changed('form'); };
      td.appendChild(remove);
      tr.appendChild(td);
      body.appendChild(tr);
    });
    const add = document.createElement('button');
    add.type = 'button';
    add.textContent = `添加一行（${fact.label}）`;
    add.dataset.add = fact.path;
    add.onclick = () => { state.record[fact.path] = [...rows(), {}]; draw(); changed('form'); };
    box.appendChild(add);
  };
  draw();
  return box;
}

function drawForm() {
  const chosen = [...$('standard').selectedOptions].map((o) => o.value);
  const form = $('form');
  form.innerHTML = '';
  // One group per chosen standard, under its Chinese title; the inspection's and the
  // enterprise's facts first, shared by all.
  const titles = new Map(state.standards.map((s) => [s.name, s.title]));
  const groups = new Map([['common', { title: '检查与企业基本情况', facts: [] }]]);
  for (const name of chosen) groups.set(name, { title: titles.get(name) ?? name, facts: [] });
  for (const fact of state.facts) {
    const common = fact.path.startsWith('inspection.') || fact.path.startsWith('enterprise.');
    const owner = common ? 'common' : chosen.find((s) => fact.standards.includes(s));
    if (owner && (!common || fact.standards.some((s) => chosen.includes(s)) || fact.path.startsWith('inspection.'))) {
      groups.get(owner).facts.push(fact);
    }
  }
  for (const { title, facts } of groups.values()) {
    if (!facts.length) continue;
    const set = document.createElement('fieldset');
    set.innerHTML = `<legend>${escape(title)}</legend>`;
    for (const fact of facts) {
      if (fact.type === 'list') { set.appendChild(listFact(fact)); continue; }
      const row = document.createElement('div');
      row.className = 'fact';
      const label = document.createElement('label');
      label.innerHTML = `${escape(fact.label)}${fact.unit ? `<span class="unit">（${escape(fact.unit)}）</span>` : ''}${fact.derived ? '<span class="muted">（可由其他事实推出，也可直接填写结论）</span>' : ''}<div class="path">${escape(fact.path)}</div>`;
      const el = input(fact, state.record[fact.path], (v) => { state.record[fact.path] = v; changed('form'); });
      el.id = 'fact-' + fact.path;
      label.htmlFor = el.id;
      row.append(label, el);
      set.appendChild(row);
    }
    form.appendChild(set);
  }
}

// ---------------------------------------------------------------- judging

function changed(source) {
  if (source !== 'json') {
    $('record-json').value = JSON.stringify(nested(state.record), null, 2);
    $('json-error').hidden = true;
  }
  judge();
}

function judge() {
  if (!state.engine) return;
  let judgement;
  try {
    judgement = JSON.parse(state.engine.evaluate($('record-json').value, undefined));
  } catch (e) {
    $('report').innerHTML = `<p class="error">无法判定：${escape(e.message)}</p>`;
    return;
  }
  $('report').innerHTML = renderJudgement(judgement);
}

function renderJudgement(j) {
  const label = (x) => escape(x.label || x.path);
  const value = (v, path) => (v === true ? '是' : v === false ? '否' : escape(enumLabel(path, v)));
  let html = `<p class="verdict ${escape(j.verdict)}">${escape(VERDICTS[j.verdict] ?? j.verdict)}</p>`;
  if (j.date) html += `<p class="muted">检查日期 ${escape(j.date)}${j.id ? `　编号 ${escape(j.id)}` : ''}</p>`;
  for (const e of j.errors) html += `<p class="error">记录错误：${label(e)}：${escape(e.message)}</p>`;
  for (const w of j.warnings) html += `<p class="muted">提示：${label(w)}：${escape(w.message)}</p>`;
  for (const r of j.reports) {
    html += `<div class="standard" data-standard="${escape(r.standard)}"><h3>${escape(r.title)} <span class="muted">${escape(r.document)}（${escape(r.version)}）</span></h3>`;
    html += `<p class="verdict ${escape(r.verdict)}">${escape(VERDICTS[r.verdict] ?? r.verdict)}</p>`;
    if (r.reason) html += `<p class="muted">${escape(r.reason)}</p>`;
    for (const f of r.findings) {
      html += `<div class="finding" data-clause="${escape(f.clause)}"><span class="clause">${escape(f.clause)}</span> ${escape(f.title)}`;
      if (f.situations.length) html += `<div class="muted">情形：${f.situations.map(escape).join('；')}</div>`;
      html += `<ul class="evidence">${f.evidence.map((e) => `<li>${label(e)} = ${value(e.value, e.path)}</li>`).join('')}</ul></div>`;
    }
    const notInspected = [];
    for (const u of r.undetermined) {
      if (u.status === 'not_inspected') { notInspected.push(u.clause); continue; }
      html += `<div class="near" data-clause="${escape(u.clause)}"><span class="clause">${escape(u.clause)}</span> ${escape(u.title)} <span class="muted">${escape(STATUSES[u.status])}</span>`;
      if (u.evidence.length) html += `<ul class="evidence">${u.evidence.map((e) => `<li>${label(e)} = ${value(e.value, e.path)}</li>`).join('')}</ul>`;
      html += `<div>待查：</div><ul class="missing">${u.missing.map((m) => `<li>${label(m)}${m.unit ? `（${escape(m.unit)}）` : ''}</li>`).join('')}</ul></div>`;
    }
    if (notInspected.length) html += `<p class="muted">未检查 ${notInspected.length} 条：${notInspected.map(escape).join('、')}</p>`;
    for (const n of r.not_assessed) html += `<p class="muted">${escape(n.clause)} 未评估：${escape(n.reason)}</p>`;
    html += '</div>';
  }
  if (j.not_applicable.length) html += `<p class="muted">不适用：${j.not_applicable.map((n) => escape(n.title)).join('、')}</p>`;
  if (j.not_addressed.length) html += `<p class="muted">记录未涉及：${j.not_addressed.map((n) => escape(n.title)).join('、')}</p>`;
  return html;
}

/** An enum value's Chinese label, by the path of the fact (or list field) it was read from. */
function enumLabel(path, v) {
  if (typeof v !== 'string' || !path) return v;
  const m = /^(.*?)\[\d+\]\.(\w+)$/.exec(path);
  const fact = state.facts.find((f) => f.path === (m ? m[1] : path));
  const values = m ? fact?.fields.find((f) => f.name === m[2])?.values : fact?.values;
  const found = values?.find((x) => x.name === v);
  return found ? `${found.label}（${v}）` : v;
}

// ---------------------------------------------------------------- rules

/** Judges with the engine `make` returns from now on (the shipped rules, or edited ones). */
function load(make, compiled = () => {}) {
  const engine = make();
  compiled();
  state.engine?.free();
  state.engine = engine;
  state.standards = JSON.parse(state.engine.standards());
  state.facts = JSON.parse(state.engine.facts());
  const picker = $('standard');
  const chosen = new Set([...picker.selectedOptions].map((o) => o.value));
  const names = [...new Map(state.standards.map((s) => [s.name, s])).values()];
  picker.innerHTML = names.map((s) => `<option value="${escape(s.name)}">${escape(s.title)}</option>`).join('');
  for (const o of picker.options) o.selected = chosen.size ? chosen.has(o.value) : o.value === 'industry_trade';
  drawForm();
  judge();
}

function drawFiles(diagnostics = []) {
  const counts = {};
  for (const d of diagnostics) if (d.severity === 'error') counts[d.file] = (counts[d.file] ?? 0) + 1;
  $('files').innerHTML = Object.keys(state.sources).map((name) => `<li data-file="${escape(name)}" class="${name === state.file ? 'active' : ''}">${escape(name.replace('rulesets/', ''))}${counts[name] ? `<span class="count">${counts[name]} 处错误</span>` : ''}</li>`).join('');
  for (const li of $('files').children) li.onclick = () => openFile(li.dataset.file);
}

function openFile(name) {
  state.file = name;
  $('editor').value = state.sources[name];
  $('editor-title').textContent = `编辑 ${name}`;
  diagnose();
}

/**
 * The offset in a JavaScript string (UTF-16 units) of a 1-based line and column, the
 * column counted in characters (Unicode scalar values) as diagnostics count it.
 */
function offset(text, line, column) {
  const lines = text.split('\n');
  let at = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) at += lines[i].length + 1;
  const chars = Array.from(lines[line - 1] ?? '').slice(0, Math.max(0, column - 1));
  return at + chars.join('').length;
}

function diagnose() {
  const diagnostics = JSON.parse(check(JSON.stringify(state.sources)));
  drawFiles(diagnostics);
  const mine = diagnostics.filter((d) => d.file === state.file);
  const text = state.sources[state.file] ?? '';
  // Marks behind the text: the same characters, transparent, with the diagnostics' ranges highlighted.
  const ranges = mine.map((d) => {
    const start = offset(text, d.line, d.column);
    let end = offset(text, d.end_line ?? d.line, d.end_column ?? d.column + 1);
    if (end <= start) end = start + 1;
    return { start, end, cls: d.severity };
  }).sort((a, b) => a.start - b.start);
  let html = '';
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue;
    html += escape(text.slice(at, r.start)) + `<mark class="${escape(r.cls)}">${escape(text.slice(r.start, r.end) || ' ')}</mark>`;
    at = r.end;
  }
  $('editor-marks').innerHTML = html + escape(text.slice(at)) + '\n';
  $('diagnostics').innerHTML = mine.length
    ? mine.map((d, i) => `<li data-i="${i}" class="diagnostic ${escape(d.severity)}"><b>第 ${d.line} 行第 ${d.column} 列</b> ${escape(d.code)} ${escape(d.message)}${d.help ? `<div class="muted">${escape(d.help)}</div>` : ''}</li>`).join('')
    : '<li class="muted">没有问题</li>';
  [...$('diagnostics').querySelectorAll('li[data-i]')].forEach((li) => {
    li.onclick = () => {
      const d = mine[Number(li.dataset.i)];
      const start = offset(text, d.line, d.column);
      $('editor').focus();
      $('editor').setSelectionRange(start, start + 1);
    };
  });
  const others = diagnostics.filter((d) => d.file !== state.file && d.severity === 'error').length;
  $('status').textContent = others ? `其他文件还有 ${others} 处错误` : '判定引擎已就绪';
}

function runRuleTests() {
  let results;
  try {
    results = JSON.parse(runTests(JSON.stringify(state.sources)));
  } catch (e) {
    $('test-results').innerHTML = `<p class="error">规则文件有错误，无法运行测试：</p><pre>${escape(e.message)}</pre>`;
    return;
  }
  const failed = results.filter((r) => r.failures.length);
  $('test-results').innerHTML = `<p class="${failed.length ? 'test-failed' : 'test-ok'}">${results.length - failed.length} 项通过，${failed.length} 项失败</p>`
    + failed.map((r) => `<div class="test-failed">${escape(r.file)}:${r.line} ${escape(r.name)}<ul>${r.failures.map((f) => `<li>${escape(f)}</li>`).join('')}</ul></div>`).join('');
}

// ---------------------------------------------------------------- start

async function start() {
  const started = performance.now();
  // The engine starts from its compiled rules; the editor's texts come beside it, fetched
  // meanwhile and needed only by the rule editor.
  const texts = fetch(new URL('../pkg/rulesets.json', import.meta.url))
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status}`))));
  await init({ module_or_path: new URL('../pkg/hjl_wasm_bg.wasm', import.meta.url) });
  ({ verdicts: VERDICTS, statuses: STATUSES } = JSON.parse(labels()));
  load(() => Engine.builtin(), () => {
    // Start-up as the benchmark states it: fetch and instantiate, then load the shipped
    // rules (compiled when the package was built).
    window.hjlStartupMs = performance.now() - started;
  });
  window.hjlReadyMs = performance.now() - started;
  const today = new Date();
  const local = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  state.record = { 'inspection.date': local }; // the inspector's own date, not UTC's
  changed('form');
  try {
    state.builtin = await texts;
    state.sources = { ...state.builtin };
    openFile(Object.keys(state.sources).find((n) => n.includes('industry-trade')) ?? Object.keys(state.sources)[0]);
    $('status').textContent = '判定引擎已就绪';
  } catch (e) {
    // Judging works without the texts; only the rule editor needs them.
    $('status').textContent = `判定引擎已就绪；规则文件文本未能载入（${e.message}），规则编辑不可用`;
  }
  document.body.dataset.ready = 'true';
}

for (const tab of document.querySelectorAll('.tab')) {
  tab.onclick = () => {
    for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t === tab);
    $('page-record').hidden = tab.dataset.tab !== 'record';
    $('page-rules').hidden = tab.dataset.tab !== 'rules';
  };
}
$('standard').onchange = drawForm;
$('record-json').oninput = () => {
  try {
    const record = JSON.parse($('record-json').value);
    state.record = flat(record);
    $('json-error').hidden = true;
    drawForm();
  } catch (e) {
    $('json-error').textContent = `JSON 格式错误：${e.message}`;
    $('json-error').hidden = false;
  }
  judge();
};
$('print').onclick = () => window.print();
$('editor').oninput = () => { state.sources[state.file] = $('editor').value; diagnose(); };
$('editor').onscroll = () => { $('editor-marks').scrollTop = $('editor').scrollTop; $('editor-marks').scrollLeft = $('editor').scrollLeft; };
$('run-tests').onclick = runRuleTests;
$('apply-rules').onclick = () => {
  try { load(() => Engine.fromSources(JSON.stringify(state.sources))); $('status').textContent = '已用修改后的规则判定'; } catch (e) { $('status').textContent = '规则有错误，仍用原来的规则判定'; }
};
$('reset-rules').onclick = () => { state.sources = { ...state.builtin }; load(() => Engine.builtin()); openFile(state.file); };

start().catch((e) => { $('status').textContent = `加载失败：${e.message}`; });
