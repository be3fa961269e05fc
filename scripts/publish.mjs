// Post-build step for the Embed dialog's publishing tools, which the page fetches when the dialog
// first opens (its first load carries none of them):
// - publish.js (from static/publish.js) with every language's `publish.*` words from locales/
//   (build.rs has checked them; the page's module leaves them out);
// - the authors' guide (docs/embed.md) as a small page beside the app, guide-embed.html with its
//   stylesheet guide.css, which the dialog's "Guide for authors" opens.
//
// The guide: A plain Markdown reader for what the guide uses: headings, paragraphs, lists, fenced
// code, tables, `code`, **bold**, *emphasis* and links. Every text is escaped; no script runs on
// the page (its policy allows none: scripts/csp.mjs).
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || 'dist';
const SOURCE = path.join('docs', 'embed.md');

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline Markdown: code spans first (their text is literal), then links, bold, emphasis. */
function inline(text) {
  return text.split(/(`[^`]*`)/).map((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return `<code>${escape(part.slice(1, -1))}</code>`;
    let s = escape(part);
    // a link to another file of the docs is not served beside the app: its text alone
    s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) =>
      /^(https?:|#)/.test(href) ? `<a href="${href}">${label}</a>` : label);
    s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
    s = s.replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
    return s;
  }).join('');
}

/** An id for a heading: its words, lower case, joined by hyphens. */
const slug = (s) => s.toLowerCase().replace(/`/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function render(md) {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const out = [];
  let i = 0;
  let title = 'Parcel Standoff';
  while (i < lines.length) {
    const line = lines[i];
    if (/^```/.test(line)) {
      const code = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      i++;
      out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`);
    } else if (/^#{1,4} /.test(line)) {
      const level = line.match(/^#+/)[0].length;
      const text = line.slice(level + 1).trim();
      if (level === 1) title = text;
      out.push(`<h${level} id="${slug(text)}">${inline(text)}</h${level}>`);
      i++;
    } else if (/^\|/.test(line)) {
      const rows = [];
      for (; i < lines.length && /^\|/.test(lines[i]); i++) rows.push(lines[i]);
      const cells = (r) => r.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => inline(c.trim().replace(/\\\|/g, '|')));
      const body = rows.slice(2).map((r) => `<tr>${cells(r).map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
      out.push(`<table>\n<thead><tr>${cells(rows[0]).map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`);
    } else if (/^\s*[-*] /.test(line)) {
      const items = [];
      for (; i < lines.length && (/^\s*[-*] /.test(lines[i]) || (/^\s{2,}\S/.test(lines[i]) && items.length)); i++) {
        if (/^\s*[-*] /.test(lines[i])) items.push(lines[i].replace(/^\s*[-*] /, ''));
        else items[items.length - 1] += ' ' + lines[i].trim();
      }
      out.push(`<ul>\n${items.map((t) => `<li>${inline(t)}</li>`).join('\n')}\n</ul>`);
    } else if (line.trim() === '') {
      i++;
    } else {
      const para = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^(```|#{1,4} |\||\s*[-*] )/.test(lines[i]); i++) para.push(lines[i].trim());
      out.push(`<p>${inline(para.join(' '))}</p>`);
    }
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Parcel Standoff</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="guide.css">
</head>
<body>
<main>
<p><a href="index.html">Parcel Standoff</a></p>
${out.join('\n')}
</main>
</body>
</html>
`;
}

const CSS = `body{margin:0;font:16px/1.6 system-ui,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:52rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.8rem;line-height:1.25}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}
a{color:#0b57a4}a:focus-visible{outline:3px solid #0b57a4;outline-offset:2px}
code{font:0.9em ui-monospace,Menlo,Consolas,monospace;background:#f2f2f2;padding:0 .2em}
pre{background:#f2f2f2;padding:.75rem;overflow-x:auto}pre code{padding:0}
table{border-collapse:collapse;display:block;overflow-x:auto}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
@media (prefers-color-scheme:dark){body{color:#eee;background:#121212}a{color:#8ab4f8}a:focus-visible{outline-color:#8ab4f8}code,pre{background:#262626}th,td{border-color:#555}h2{border-color:#555}}
`;

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  if (!fs.existsSync(dir)) {
    console.error(`docs: no ${dir}/ (build first)`);
    process.exit(1);
  }
  const codes = fs.readFileSync(path.join('locales', 'languages.txt'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const words = {};
  for (const code of codes) {
    const all = JSON.parse(fs.readFileSync(path.join('locales', `${code}.json`), 'utf8'));
    words[code] = Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('publish.')));
  }
  const script = fs.readFileSync(path.join('static', 'publish.js'), 'utf8');
  const marker = 'const WORDS = {};';
  if (!script.includes(marker)) {
    console.error(`publish: static/publish.js has no '${marker}' to put the words in`);
    process.exit(1);
  }
  fs.writeFileSync(path.join(dir, 'publish.js'), script.replace(marker, `const WORDS = ${JSON.stringify(words)};`));
  console.log(`publish: ${dir}/publish.js with the words of ${codes.join(', ')}`);
  const html = render(fs.readFileSync(SOURCE, 'utf8'));
  fs.writeFileSync(path.join(dir, 'guide-embed.html'), html);
  fs.writeFileSync(path.join(dir, 'guide.css'), CSS);
  console.log(`docs: ${dir}/guide-embed.html (${html.length} bytes) from ${SOURCE}`);
}
