// The Embed dialog as a publisher uses it: a preview at a chosen width, the citation checked with
// the command line, the run's data as one zip, the fallback picture named in the snippet, the
// authors' guide. Needs `make build cli`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { serve, launch, openPage, ARTIFACTS, settled } from './util.mjs';

const CLI = path.resolve('target/native/standoff');
let server, browser;
before(async () => { server = await serve('dist'); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const STATE = 'scenario=june-2017&t=2017-06-02T12:00&p.locker_share=0.2&cut=direct.jd.sf@2017-06-01T09:00';

/** The files of a zip (stored or DEFLATE), each checked against its CRC-32. */
function unzip(b) {
  const end = b.length - 22;
  assert.equal(b.readUInt32LE(end), 0x06054b50, 'the end record');
  const files = {};
  let at = b.readUInt32LE(end + 16);
  for (let i = 0; i < b.readUInt16LE(end + 10); i++) {
    assert.equal(b.readUInt32LE(at), 0x02014b50);
    const [method, crc, csize, n, off] = [b.readUInt16LE(at + 10), b.readUInt32LE(at + 16), b.readUInt32LE(at + 20), b.readUInt16LE(at + 28), b.readUInt32LE(at + 42)];
    const name = b.subarray(at + 46, at + 46 + n).toString('utf8');
    const from = off + 30 + b.readUInt16LE(off + 26) + b.readUInt16LE(off + 28);
    const raw = b.subarray(from, from + csize);
    const data = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    assert.equal(zlib.crc32(data), crc, `${name}: its CRC`);
    files[name] = data;
    at += 46 + n + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return files;
}

async function openDialog(lang, viewport) {
  const opened = await openPage(browser, `${server.url}#${STATE}&lang=${lang}`, viewport);
  const { page } = opened;
  await page.waitForSelector('#network');
  await page.click('#embed-button');
  // the publishing tools arrive with their own script
  await page.waitForSelector('#cite-button');
  return opened;
}

test('Embed → Preview at 320 px shows the embed in a frame 320 px wide, and follows the snippet', async () => {
  const { page, errors, context } = await openDialog('en');
  await page.selectOption('#embed-preview', { label: '320 px' });
  const frame = page.frameLocator('#embed-preview-frame');
  await frame.locator('#network').waitFor();
  const box = await page.locator('#embed-preview-frame').boundingBox();
  assert.equal(Math.round(box.width), 320);
  // the frame is the embed (its compact chrome), at the snippet's address
  const src = await page.locator('#embed-preview-frame').getAttribute('src');
  const code = await page.locator('#embed-code').inputValue();
  assert.ok(code.includes(src.replaceAll('&', '&amp;')), `${src} in ${code}`);
  assert.match(src, /#embed=1&view=network\+chart&theme=auto&scenario=june-2017/);
  await frame.locator('#open-full').waitFor();
  // another choice in the dialog: the preview shows the new snippet
  await page.selectOption('#embed-view', '2');
  await page.waitForFunction(() => /view=chart(%3A|:)share/.test(document.querySelector('#embed-preview-frame')?.src));
  await page.selectOption('#embed-preview', { label: 'Full width' });
  await page.waitForFunction(() => document.querySelector('#embed-preview-frame').style.width === '100%');
  await page.selectOption('#embed-preview', '');
  assert.equal(await page.locator('#embed-preview-frame').count(), 0, 'None: no frame');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Embed → Cite gives text and BibTeX in the page\'s language whose digest the command line verifies', async () => {
  for (const lang of ['zh', 'en']) {
    const { page, errors, context } = await openDialog(lang);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
    await page.click('#cite-button');
    await page.waitForSelector('#cite-text');
    const text = await page.locator('#cite-text').inputValue();
    const bib = await page.locator('#cite-bibtex').inputValue();
    const digest = /[0-9a-f]{16}/.exec(text)?.[0];
    assert.ok(digest, text);
    assert.match(text, lang === 'zh' ? /模型版本 1.*北京时间 2017-06-02 12:00/ : /model version 1, the state at 2017-06-02 12:00/);
    assert.ok(bib.startsWith('@misc{parcel-standoff-june-2017-') && bib.includes(digest), bib);
    const link = /url = \{([^}]+)\}/.exec(bib)[1];
    assert.ok(text.includes(link) && link.startsWith(server.url), 'the text and the BibTeX cite the page\'s link');
    // the command line recomputes the run the link stands for, and says the same words
    const ok = spawnSync(CLI, ['verify', link, digest], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const tampered = digest.slice(0, 15) + (digest.endsWith('0') ? '1' : '0');
    assert.equal(spawnSync(CLI, ['verify', link, tampered]).status, 1);
    const date = new Date().toISOString().slice(0, 10);
    const cli = spawnSync(CLI, ['cite', link, '--lang', lang, '--date', date], { encoding: 'utf8' });
    assert.equal(cli.stdout.trim(), text.trim(), 'the page cites as standoff cite does');
    // each form has its Copy button, which says it copied
    await page.click('#cite-bibtex-copy');
    await page.waitForFunction(() => document.querySelector('#cite-bibtex-copied')?.textContent !== '');
    assert.equal(await page.locator('#cite-text-copied').textContent(), '');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('Embed → Download data gives one zip: the run\'s CSV (the command line\'s), metadata and a README', async () => {
  const { page, errors, context } = await openDialog('en');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#data-button')]);
  assert.equal(dl.suggestedFilename(), 'parcel-standoff-june-2017-data.zip');
  const files = unzip(fs.readFileSync(await dl.path()));
  assert.deepEqual(Object.keys(files), ['run.csv', 'metadata.json', 'README.txt']);
  const meta = JSON.parse(files['metadata.json']);
  assert.equal(meta.model_version, '1');
  assert.match(meta.command, /^standoff run --scenario june-2017 --set locker_share=0.2 --cut direct.jd.sf@2017-06-01T09:00 --bundle /);
  // the command line, given the set-up the metadata names, writes the same CSV
  const args = meta.command.split(' ').slice(1, -2).concat(['--csv', '-']);
  const cli = spawnSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(cli.status, 0, cli.stderr);
  const csv = files['run.csv'].toString('utf8');
  assert.equal(csv.split('\n')[0], cli.stdout.split('\n')[0], 'the same header');
  assert.equal(csv, cli.stdout, 'the same rows');
  assert.ok(files['README.txt'].toString().includes(meta.digest));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Embed → Export the picture downloads a PNG and names it in the snippet; the guide opens', async () => {
  const { page, errors, context } = await openDialog('en');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#embed-picture-export')]);
  assert.equal(png.suggestedFilename(), 'parcel-standoff-june-2017.png');
  const bytes = fs.readFileSync(await png.path());
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  assert.equal(await page.locator('#embed-picture').inputValue(), 'parcel-standoff-june-2017.png');
  await page.waitForFunction(() => document.querySelector('#embed-code').value.includes('picture=parcel-standoff-june-2017.png&amp;'));
  // the author's own address replaces it
  await page.fill('#embed-picture', 'https://news.example/img/june 2.png');
  await page.waitForFunction(() => document.querySelector('#embed-code').value.includes('picture=https:%2F%2Fnews.example%2Fimg%2Fjune%202.png'));
  // the guide: a page beside the app
  const href = await page.locator('#embed-docs').getAttribute('href');
  const [guide] = await Promise.all([context.waitForEvent('page'), page.click('#embed-docs')]);
  await guide.waitForLoadState();
  assert.equal(href, 'guide-embed.html');
  assert.match(await guide.locator('h1').textContent(), /Links and embeds/);
  assert.match(await guide.locator('[id="5-citing-a-state-and-checking-a-citation"]').textContent(), /Citing a state/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the publishing tools are reached by keyboard and have names; screenshots of the dialog in both languages', async () => {
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    for (const lang of ['en', 'zh']) {
      const { page, errors, context } = await openDialog(lang, { width: w, height: h });
      // Tab from the snippet's Copy reaches every tool, and focus stays in the dialog
      await page.focus('#embed-copy');
      const seen = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        seen.push(await page.evaluate(() => document.activeElement.id));
      }
      for (const id of ['embed-preview', 'embed-picture-export', 'cite-button', 'data-button', 'embed-docs']) {
        assert.ok(seen.includes(id), `${id} in ${seen}`);
      }
      const named = await page.evaluate(() => [...document.querySelectorAll('#embed-publish select, #embed-publish button, #embed-publish a')]
        .filter((e) => !(e.labels?.[0]?.textContent || e.textContent).trim()).map((e) => e.id));
      assert.deepEqual(named, [], 'every control has a name');
      await page.selectOption('#embed-preview', '0');
      await page.frameLocator('#embed-preview-frame').locator('#network').waitFor();
      await page.click('#cite-button');
      await page.waitForSelector('#cite-bibtex');
      await settled(page, () => document.querySelector('#embed-dialog .overlay-box').scrollHeight);
      await page.locator('#embed-publish').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `publish-preview-${lang}-${w}x${h}.png`) });
      await page.locator('#cite-bibtex-copy').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `publish-cite-${lang}-${w}x${h}.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `nothing wider than the screen (${overflow} px)`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});
