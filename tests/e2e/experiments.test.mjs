// Experiments as a teacher or an author meets them: a sweep or an A/B comparison set up in the
// form (or arriving in a link) is computed off the page's thread, drawn, exported as the command
// line's CSV, and kept in the address; a value outside a parameter's range is refused at its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, scrollToExperiments, ARTIFACTS, scrollToSure } from './util.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve('dist', 0); });
after(async () => { await browser?.close(); await server?.close(); });

const cli = (args) => execFileSync(path.resolve('target/native/standoff'), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

test('a sweep in a link is drawn and its CSV is the command line\'s, byte for byte', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017&sweep=review_days:1:30:3&effect=sf_reliant_lost_orders');
  await page.waitForSelector('#exp-result', { timeout: 60000 });
  assert.equal(await page.locator('#exp-result').getAttribute('data-experiment'), 'sweep=review_days:1:30:3&effect=sf_reliant_lost_orders');
  // the form shows the experiment of the link
  assert.equal(await page.locator('#exp-range-0-name').inputValue(), 'review_days');
  assert.equal(await page.locator('#exp-range-0-steps').inputValue(), '3');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#exp-csv')]);
  assert.equal(csv.suggestedFilename(), 'parcel-standoff-sweep-review_days.csv');
  const text = fs.readFileSync(await csv.path(), 'utf8');
  assert.equal(text, cli(['sweep', '--scenario', 'june-2017', '--vary', 'review_days=1:30:3', '--csv', '-']));
  // the effect the teacher cares about grows with the review interval, as the CLI says
  const rows = text.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  assert.equal(rows.length, 3);
  const head = text.split('\n')[0].split(',');
  const col = head.indexOf('sf_reliant_lost_orders');
  assert.ok(rows[2][col] > rows[0][col], `lost orders ${rows.map((r) => r[col])}`);
  // each point is the mean over the seeds, inside its 10–90 % interval (shaded on the chart)
  const [lo, hi] = [head.indexOf('sf_reliant_lost_orders.p10'), head.indexOf('sf_reliant_lost_orders.p90')];
  for (const r of rows) assert.ok(r[lo] <= r[col] && r[col] <= r[hi] && r[lo] < r[hi], `${r[lo]} ≤ ${r[col]} ≤ ${r[hi]}`);
  assert.match(await page.locator('#experiments .unc-intro').textContent(), /same 8 seeds/);
  // the caption says which steps differ from the first beyond the seed noise, as the CLI does
  const said = cli(['sweep', '--scenario', 'june-2017', '--vary', 'review_days=1:30:3', '--effect', 'sf_reliant_lost_orders']);
  const differ = /sf_reliant_lost_orders: differs from the first of its line beyond the seed noise at (.*)/.exec(said);
  const verdict = await page.locator('#exp-verdict').textContent();
  if (differ) {
    const listed = /different from Mean days between a merchant's courier reviews when nothing is wrong = 1 days: (.*)\./.exec(verdict)?.[1].split(', ').map(Number);
    assert.deepEqual(listed, differ[1].split(', ').map((x) => Number(Number(x).toPrecision(3))), verdict);
  } else assert.match(verdict, /No step differs from Mean days between a merchant's courier reviews when nothing is wrong = 1 days/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#exp-png')]);
  assert.equal(fs.readFileSync(await png.path()).subarray(1, 4).toString(), 'PNG');
  // choosing another effect redraws at once (every effect was computed) and goes into the link
  await page.selectOption('#exp-effect', 'sf_lasting_loss');
  await page.waitForFunction(() => location.hash.includes('effect=sf_lasting_loss'));
  assert.equal(await page.locator('#exp-progress').count(), 0, 'no new runs for another effect');
  await page.locator('#experiments').screenshot({ path: path.join(ARTIFACTS, 'experiment-sweep.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an A/B comparison made in the form: every effect side by side, in the address, Back clears it', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=no-mediation&lang=zh');
  await page.waitForSelector('#network');
  await scrollToExperiments(page);
  await page.check('#exp-mode-ab');
  await page.selectOption('#exp-ab-0-name', 'mediation_after_h');
  await page.fill('#exp-a-0', '42');
  await page.fill('#exp-b-0', '480');
  await page.click('#exp-run');
  await page.waitForFunction(() => document.querySelector('#exp-result')?.dataset.experiment?.startsWith('a='), null, { timeout: 60000 });
  assert.match(await page.evaluate(() => location.hash), /a=mediation_after_h:42&b=mediation_after_h:480/);
  // six effects, A and B and their difference; in Chinese
  assert.equal(await page.locator('#exp-table tbody tr').count(), 6);
  // a unit beside every value typed
  assert.equal(await page.locator('#exp-a-0 + .unit').textContent(), '小时');
  assert.match(await page.locator('#exp-result figcaption').textContent(), /A（mediation_after_h = 42）/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#exp-csv')]);
  const ours = fs.readFileSync(await csv.path(), 'utf8');
  assert.equal(ours, cli(['compare', '--scenario', 'no-mediation', '--a', 'mediation_after_h=42', '--b', 'mediation_after_h=480', '--csv', '-']));
  // the page's verdict is the command line's: each effect, told apart or not beyond the seed noise
  const verdicts = { larger: '1', smaller: '-1', within: '0' };
  for (const line of ours.trim().split('\n').slice(1)) {
    const f = line.split(',');
    assert.equal(await page.locator(`#exp-table tr[data-effect=${f[0]}]`).getAttribute('data-verdict'), verdicts[f[11]], line);
  }
  assert.match(await page.locator('#exp-verdict').textContent(), /B 更大，超出随机波动|B 更小，超出随机波动|A 与 B 无法区分/);
  // another kind of experiment in the form: the old result goes
  await page.check('#exp-mode-sweep');
  await page.waitForFunction(() => !document.querySelector('#exp-result'));
  await page.check('#exp-mode-ab');
  await page.waitForSelector('#exp-result');
  await page.locator('#experiments').screenshot({ path: path.join(ARTIFACTS, 'experiment-ab-zh.png') });
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#exp-result'));
  assert.ok(!(await page.evaluate(() => location.hash)).includes('a=mediation'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a range outside the documented one is refused at its field, and nothing runs', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017');
  await page.waitForSelector('#network');
  await scrollToExperiments(page);
  // a chosen parameter starts at its plausible range (wait for it, as a person would see it)
  await page.selectOption('#exp-range-0-name', 'switch_cost');
  await page.waitForFunction(() => document.querySelector('#exp-range-0-to').value === '4');
  await page.fill('#exp-range-0-to', '99');
  await page.click('#exp-run');
  await page.waitForSelector('#exp-range-0[aria-invalid=true]');
  assert.match(await page.locator('#exp-range-0-error').textContent(), /Outside its documented range/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'exp-range-0', 'focus goes to the field at fault');
  assert.ok(!(await page.evaluate(() => location.hash)).includes('sweep='));
  assert.equal(await page.locator('#exp-progress').count(), 0);
  // too many runs: said at the second parameter
  await page.fill('#exp-range-0-to', '3');
  await page.fill('#exp-range-0-steps', '25');
  await page.selectOption('#exp-range-1-name', 'habit');
  await page.waitForSelector('#exp-range-1-steps');
  await page.fill('#exp-range-1-steps', '6');
  await page.click('#exp-run');
  await page.waitForSelector('#exp-range-1-error');
  assert.match(await page.locator('#exp-range-1-error').textContent(), /1200 runs \(8 seeds for each set-up\): at most 200/);
  // a link with a bad experiment keeps the rest and says why
  await page.goto(server.url + '#scenario=june-2017&sweep=review_days:0:30:3');
  await page.waitForSelector('#network');
  assert.match(await page.locator('#notes').textContent(), /experiment left out: .*documented range/i);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the parameters are grouped, titled in a few words and found by their words, with their units', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017');
  await page.waitForSelector('#network');
  await scrollToExperiments(page);
  const groups = await page.locator('#exp-range-0-name optgroup').count();
  assert.ok(groups >= 8, `${groups} groups`);
  // the default sweep: review_days, its meaning under the menu, days beside From and To
  assert.match(await page.locator('#exp-range-0 .exp-meaning').textContent(), /courier reviews/);
  assert.equal(await page.locator('#exp-range-0-from + .unit').textContent(), 'days');
  assert.equal(await page.locator('#exp-range-0-to + .unit').textContent(), 'days');
  const title = await page.locator('#exp-range-0-name option[value=review_days]').textContent();
  assert.ok(title.split(' ').length <= 12, title);
  // a search by words keeps only the parameters that hold them (and the one chosen)
  await page.fill('#exp-search', 'locker');
  await page.waitForFunction(() => document.querySelectorAll('#exp-range-0-name option').length < 15);
  const names = await page.locator('#exp-range-0-name option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(names.includes('locker_share') && names.includes('review_days'), names.join());
  assert.ok(!names.includes('switch_cost'), names.join());
  await page.fill('#exp-search', '');
  await page.waitForFunction(() => document.querySelectorAll('#exp-range-0-name option').length > 40);
  assert.deepEqual(errors, []);
  await context.close();
});

test('benchmark (a printout, not a timed test): the default sweep, 7 steps × 8 seeds, in the page', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017');
  // the bands first (both workers), then the form's default sweep on the last worker alone
  await scrollToSure(page);
  await page.waitForSelector('#unc-effects', { timeout: 60000 });
  await scrollToExperiments(page);
  assert.equal(await page.locator('#exp-range-0-name').inputValue(), 'review_days');
  assert.equal(await page.locator('#exp-range-0-steps').inputValue(), '7');
  const t0 = Date.now();
  await page.click('#exp-run');
  await page.waitForSelector('#exp-result', { timeout: 120000 });
  console.log(`default sweep in the page (june-2017, review_days 7–90, 7 steps × 8 seeds = 56 runs): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  ${await page.locator('#exp-verdict').textContent()}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the panel comes with its own module when a reader scrolls to it, follows the language, and says in words when it cannot come', async () => {
  const { page, errors, context } = await openPage(browser, server.url + '#scenario=june-2017');
  const asked = [];
  page.on('request', (r) => { if (/parcel-standoff-panels/.test(r.url())) asked.push(r.url().split('/').pop()); });
  await page.waitForSelector('#network');
  // before it comes: its title and what is happening, in the page's language
  assert.equal(await page.locator('#panels #exp-title').textContent(), 'Experiments: sweep and compare');
  await scrollToExperiments(page);
  assert.deepEqual(asked.sort(), ['parcel-standoff-panels.js', 'parcel-standoff-panels_bg.wasm']);
  // the page's language button: the panel (another module) speaks Chinese too
  await page.click('button.lang');
  await page.waitForFunction(() => document.querySelector('#exp-title')?.textContent === '实验：扫描与对比');
  assert.equal(await page.locator('#exp-run').textContent(), '运行实验');
  assert.equal(await page.locator('#panels').getAttribute('lang'), 'zh-CN');
  // so does the Embed dialog, from the same module
  await page.click('#embed-button');
  await page.waitForFunction(() => document.querySelector('#embed-title')?.textContent === '嵌入');
  assert.equal(await page.locator('#embed-close').textContent(), '关闭');
  assert.deepEqual(errors, []);
  await context.close();

  // opened in Chinese from the start, the dialog is in Chinese when it first shows
  const zh = await openPage(browser, server.url + '#scenario=june-2017&lang=zh');
  await zh.page.waitForSelector('#network');
  await zh.page.click('#embed-button');
  await zh.page.waitForSelector('#embed-dialog');
  assert.equal(await zh.page.locator('#embed-title').textContent(), '嵌入');
  assert.deepEqual(zh.errors, []);
  await zh.context.close();

  // a module that cannot be fetched: the place says so in the reader's language; the page goes on
  const second = await openPage(browser, server.url + '#scenario=june-2017&lang=zh');
  await second.page.route(/parcel-standoff-panels/, (r) => r.abort());
  await second.page.waitForSelector('#network');
  await second.page.locator('#panels').scrollIntoViewIfNeeded();
  await second.page.waitForFunction(() => document.querySelector('#panels-status')?.textContent === '实验无法加载。请重新加载页面再试。');
  await second.page.click('#play');
  await second.page.waitForFunction(() => /暂停/.test(document.querySelector('#play')?.textContent ?? ''));
  // set-up files are read in that module: a file is then refused, said in the reader's
  // language, and the set-up stays as it was
  await second.page.click('#play');
  const file = JSON.stringify({ format: 'parcel-standoff/1', setup: { scenario: 'baseline-2017', t: 0, view: 'explorer', lang: 'zh' } });
  await second.page.setInputFiles('#load-setup', { name: 'setup.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await second.page.waitForSelector('#load-error');
  assert.equal(await second.page.locator('#load-error').textContent(), '文件未载入: 无法加载。请重新加载页面再试。');
  assert.match(await second.page.evaluate(() => location.hash), /scenario=june-2017/);
  await second.context.close();
});
