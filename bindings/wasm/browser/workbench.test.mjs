// The workbench in a real headless Chromium: fill the form until a clause fires, clear a
// fact and see it in the to-check list, break a rule file and see the diagnostic at its
// line, run the rule-file tests. Screenshots go to target/workbench-screenshots/.
//
// Needs bindings/wasm/pkg (`cargo xtask wasm`), playwright-core (`npm ci --prefix
// bindings/wasm`) and Chromium at $CHROMIUM (default /usr/bin/chromium).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const site = join(here, '..'); // bindings/wasm: workbench/ and pkg/
const shots = join(here, '..', '..', '..', 'target', 'workbench-screenshots');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

let server, browser, page, base;

before(async () => {
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(site, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
  await mkdir(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // playwright gives each launch a fresh, empty profile of its own.
  });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(`${base}/workbench/index.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.deepEqual(problems, []);
  const [startup, ready] = await page.evaluate(() => [window.hjlStartupMs, window.hjlReadyMs]);
  console.log(`engine start-up in the page (fetch and instantiate, load the shipped rules compiled at build time): ${startup.toFixed(1)} ms; page ready (form drawn, first judgement): ${ready.toFixed(1)} ms`);
  // A second visit: the browser keeps the compiled WebAssembly code.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const again = await page.evaluate(() => window.hjlStartupMs);
  console.log(`engine start-up on a second visit: ${again.toFixed(1)} ms`);
});

after(async () => {
  await browser?.close();
  server?.close();
});

const fact = (path) => page.locator(`[id="fact-${path}"]`);

test('filling the form makes a clause fire, with its evidence', async () => {
  await fact('enterprise.sector').selectOption('metallurgy');
  await page.click('button[data-add="metallurgy.blast_furnaces"]');
  const furnace = page.locator('.list-fact', { has: page.locator('button[data-add="metallurgy.blast_furnaces"]') }).locator('tbody tr').first();
  await furnace.locator('select[data-path="in_production"]').selectOption('true');
  await furnace.locator('input[data-path="top_pressure_setpoint"]').fill('260');
  await furnace.locator('input[data-path="design_max_top_pressure"]').fill('250');
  const finding = page.locator('.finding[data-clause="第四条（五）"]');
  await finding.waitFor();
  assert.match(await finding.innerText(), /炉顶工作压力设定值 = 260 kPa/);
  // The record JSON follows the form.
  const json = JSON.parse(await page.inputValue('#record-json'));
  assert.equal(json.metallurgy.blast_furnaces[0].top_pressure_setpoint, 260);
  await page.screenshot({ path: join(shots, '1-finding.png') });
});

test('clearing a fact puts it on the to-check list', async () => {
  const furnace = page.locator('.list-fact', { has: page.locator('button[data-add="metallurgy.blast_furnaces"]') }).locator('tbody tr').first();
  await furnace.locator('input[data-path="top_pressure_setpoint"]').fill('');
  await page.locator('.finding[data-clause="第四条（五）"]').waitFor({ state: 'detached' });
  const near = page.locator('.near[data-clause="第四条（五）"]');
  await near.waitFor();
  assert.match(await near.locator('.missing').innerText(), /炉顶工作压力设定值/);
  await page.screenshot({ path: join(shots, '2-to-check.png') });
});

test('the printable view is the judgement alone', async () => {
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#form').isVisible(), false);
  assert.equal(await page.locator('#record-json').isVisible(), false);
  assert.equal(await page.locator('.near[data-clause="第四条（五）"]').isVisible(), true);
  await page.pdf({ path: join(shots, 'printable.pdf'), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
});

test('editing the JSON updates the form and the judgement', async () => {
  const json = JSON.parse(await page.inputValue('#record-json'));
  json.metallurgy.blast_furnaces[0].top_pressure_setpoint = 251;
  await page.fill('#record-json', JSON.stringify(json, null, 2));
  await page.locator('.finding[data-clause="第四条（五）"]').waitFor();
  const furnace = page.locator('.list-fact', { has: page.locator('button[data-add="metallurgy.blast_furnaces"]') }).locator('tbody tr').first();
  assert.equal(await furnace.locator('input[data-path="top_pressure_setpoint"]').inputValue(), '251');
});

test('a syntax error in a rule file is marked at its line', async () => {
  await page.click('#tab-rules');
  const text = await page.inputValue('#editor');
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('fact ')) + 1; // 1-based line of the first fact
  const start = lines.slice(0, at - 1).reduce((n, l) => n + l.length + 1, 0);
  // Type over the keyword, as a regulator would: select it, then type.
  const select = () => page.$eval('#editor', (e, s) => { e.focus(); e.setSelectionRange(s, s + 4); }, start);
  await select();
  await page.keyboard.type('fcat');
  const diagnostic = page.locator('#diagnostics li.diagnostic').first();
  await diagnostic.waitFor();
  assert.match(await diagnostic.innerText(), new RegExp(`第 ${at} 行`));
  // The mark sits on the mistyped word, at its line.
  const marked = await page.$eval('#editor-marks', (pre) => {
    const mark = pre.querySelector('mark');
    const range = document.createRange();
    range.setStart(pre, 0);
    range.setEndBefore(mark);
    return { text: mark.textContent, line: range.toString().split('\n').length };
  });
  assert.equal(marked.line, at);
  assert.ok('fcat'.startsWith(marked.text) && marked.text.length > 0, `marked ${JSON.stringify(marked.text)}`);
  assert.match(await page.innerText('#files li.active'), /1 处错误/);
  await page.screenshot({ path: join(shots, '3-diagnostic.png') });
  // Put it back: no diagnostics, and the rule-file tests pass.
  await select();
  await page.keyboard.type('fact');
  await page.locator('#diagnostics li.muted').waitFor();
  assert.equal(await page.inputValue('#editor'), text);
  await page.click('#run-tests');
  await page.locator('#test-results .test-ok').waitFor({ timeout: 60000 });
  assert.match(await page.innerText('#test-results'), /0 项失败/);
  await page.screenshot({ path: join(shots, '4-tests.png') });
});
