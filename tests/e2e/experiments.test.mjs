// Experiments as a teacher or an author meets them: a sweep or an A/B comparison set up in the
// form (or arriving in a link) is computed off the page's thread, drawn, exported as the command
// line's CSV, and kept in the address; a value outside a parameter's range is refused at its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, ARTIFACTS } from './util.mjs';

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
  const col = text.split('\n')[0].split(',').indexOf('sf_reliant_lost_orders');
  assert.ok(rows[2][col] > rows[0][col], `lost orders ${rows.map((r) => r[col])}`);
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
  await page.check('#exp-mode-ab');
  await page.selectOption('#exp-ab-0-name', 'mediation_after_h');
  await page.fill('#exp-a-0', '42');
  await page.fill('#exp-b-0', '480');
  await page.click('#exp-run');
  await page.waitForFunction(() => document.querySelector('#exp-result')?.dataset.experiment?.startsWith('a='), null, { timeout: 60000 });
  assert.match(await page.evaluate(() => location.hash), /a=mediation_after_h:42&b=mediation_after_h:480/);
  // six effects, A and B and their difference; in Chinese
  assert.equal(await page.locator('#exp-table tbody tr').count(), 6);
  assert.match(await page.locator('#exp-result figcaption').textContent(), /A（mediation_after_h = 42）/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#exp-csv')]);
  const ours = fs.readFileSync(await csv.path(), 'utf8');
  assert.equal(ours, cli(['compare', '--scenario', 'no-mediation', '--a', 'mediation_after_h=42', '--b', 'mediation_after_h=480', '--csv', '-']));
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
  assert.match(await page.locator('#exp-range-1-error').textContent(), /150 runs: at most 100/);
  // a link with a bad experiment keeps the rest and says why
  await page.goto(server.url + '#scenario=june-2017&sweep=review_days:0:30:3');
  await page.waitForSelector('#network');
  assert.match(await page.locator('#notes').textContent(), /experiment left out: .*documented range/i);
  assert.deepEqual(errors, []);
  await context.close();
});
