// Parcel Standoff: the Embed dialog's publishing tools, fetched when the dialog first opens (the
// page's first load carries none of this). In `#embed-publish`, for the snippet the dialog
// writes (its address holds the state) in the page's language: a live preview of the snippet's frame at a chosen width, the picture the
// frame shows when the app cannot run (exported from the page's canvas; its address goes into the
// dialog's picture field, which the snippet names), the citation of the state as text and BibTeX
// with Copy buttons, the run's data as one zip, and the authors' guide.
//
// The citation and the zip are computed by the workers' module (src/bin/worker.rs: `cite`,
// `bundle`, the same code as `standoff cite` and `standoff run --bundle`) in a Web Worker of its
// own, or on the page when no worker can start. The words come from the catalogue (locales/,
// `publish.*`), written in below by scripts/publish.mjs. Nothing is inserted as HTML.
/* global wasm_bindgen */
'use strict';
(function () {
  // the dialog adds this script each time it opens: once is enough
  if (window.parcelStandoffPublish) return window.parcelStandoffPublish();
  const WORDS = {}; // WORDS: scripts/publish.mjs puts every language's publish.* words here
  const WIDTHS = [320, 480, 700, 0]; // CSS pixels; 0: the dialog's full width
  const MONO = 'width:100%;font-family:ui-monospace,monospace;font-size:0.85rem'; // as the snippet's box
  const MODULE_SCRIPT = 'parcel-standoff-worker.js';
  let worker = null; // null: not started; false: none can start here
  let asked = 0;
  const waiting = new Map(); // id → [request, resolve]
  let last = {}; // kept while the page lives: the preview's width, the last citation

  const say = (lang, key) => (WORDS[lang] && WORDS[lang][key]) || WORDS.en[key] || key;

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (typeof v === 'function') e.addEventListener(k, v);
      else e.setAttribute(k, v);
    }
    e.append(...kids);
    return e;
  }

  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');

  /** The snippet's frame address, title and height, as the dialog writes them. */
  function snippet() {
    const code = (document.getElementById('embed-code') || {}).value || '';
    const [src, title, height] = ['src', 'title', 'height'].map((a) => (new RegExp(` ${a}="([^"]*)"`).exec(code) || [])[1]);
    return { url: unescape(src || ''), title: unescape(title || ''), height: +height || 720 };
  }

  /** The state the snippet shows: its address's fragment without the embed's own keys. */
  const state = () => (snippet().url.split('#')[1] || '').split('&').filter((p) => !/^(embed|autoplay|picture|view|theme)=/.test(p)).join('&');

  /** The page's language (its code in the catalogue). */
  function language() {
    const tag = document.documentElement.lang || 'en';
    return Object.keys(WORDS).find((c) => tag === c || tag.startsWith(c + '-')) || 'en';
  }

  // ---- computing: the workers' module, in a worker of its own or on the page ----
  function onPage(m) {
    const loaded = typeof wasm_bindgen === 'function'
      ? Promise.resolve()
      : new Promise((ok, bad) => document.head.append(el('script', { src: MODULE_SCRIPT, load: ok, error: bad })));
    return loaded
      .then(() => wasm_bindgen({ module_or_path: window.parcelStandoffWorkerWasm || './parcel-standoff-worker_bg.wasm' }))
      .then(() => (m.publish === 'cite'
        ? { text: wasm_bindgen.cite(m.link, m.lang, m.date) }
        : { bytes: wasm_bindgen.bundle(m.link) }))
      .catch((err) => ({ text: '!' + err }));
  }

  function compute(m) {
    return new Promise((resolve) => {
      m.id = ++asked;
      // a page opened as a file cannot start a worker: compute on the page
      if (worker === null && location.protocol === 'file:') worker = false;
      if (worker === null) {
        try {
          worker = new Worker('uncertainty-worker.js');
          worker.onmessage = (e) => {
            const w = e.data && e.data.publish && waiting.get(e.data.id);
            if (w) { waiting.delete(e.data.id); w[1](e.data); }
          };
          // the script or its module could not load (a policy, a file): compute on the page
          worker.onerror = () => {
            worker.terminate();
            worker = false;
            for (const [id, [req, done]] of waiting) { waiting.delete(id); onPage(req).then(done); }
          };
        } catch (err) {
          worker = false;
        }
      }
      if (worker) { waiting.set(m.id, [m, resolve]); worker.postMessage(m); } else onPage(m).then(resolve);
    });
  }

  function download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name, hidden: '' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** A picture of what the snippet shows (its chart, else the network), on the page's background. */
  function picture(url, name, done) {
    const view = (/[#&]view=([^&]*)/.exec(url) || [])[1] || '';
    const chart = /^chart(%3A|:)/.test(view) ? decodeURIComponent(view).slice(6) : '';
    const c = document.querySelector(chart ? `#chart-${chart} canvas` : '#network');
    if (!c) return done(false);
    const out = el('canvas', { width: c.width, height: c.height });
    const ctx = out.getContext('2d');
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor || '#fff';
    if (/rgba\(0, 0, 0, 0\)|transparent/.test(ctx.fillStyle) || ctx.fillStyle === '#000000') ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(c, 0, 0);
    out.toBlob((b) => { if (b) download(name, b); done(!!b); }, 'image/png');
  }

  // ---- the tools ----
  let filled = null; // the box filled last, and in which language
  function fill() {
    const box = document.getElementById('embed-publish');
    const lang = language();
    if (!box || (filled && filled[0] === box && filled[1] === lang)) return;
    filled = [box, lang];
    const w = (k) => say(lang, 'publish.' + k);
    const scenario = () => (/(?:^|&)scenario=([^&]*)/.exec(state()) || [])[1] || 'run';
    const status = el('p', { role: 'status', id: 'publish-status' });
    const frameBox = el('div', { id: 'embed-preview-box', style: 'overflow:auto;max-width:100%' });
    const select = el('select', { id: 'embed-preview' },
      el('option', { value: '' }, w('preview_off')),
      ...WIDTHS.map((px, i) => el('option', { value: String(i) }, px ? `${px} px` : w('preview_full'))));
    select.value = last.preview || '';
    const preview = () => {
      last.preview = select.value;
      const s = snippet();
      const old = document.getElementById('embed-preview-frame');
      if (select.value === '') return frameBox.replaceChildren();
      const px = WIDTHS[+select.value];
      const style = `width:${px ? px + 'px' : '100%'};height:${Math.min(s.height, 900)}px;border:1px solid #767676;display:block`;
      if (old && old.dataset.url === s.url) return old.setAttribute('style', style);
      frameBox.replaceChildren(el('iframe', {
        id: 'embed-preview-frame', src: s.url, 'data-url': s.url, style,
        title: `${w('preview_label')} — ${s.title}`,
      }));
    };
    select.addEventListener('change', preview);
    // the preview follows the snippet: after any change of the dialog's options
    const dialog = document.getElementById('embed-dialog');
    if (dialog && !dialog.publishFollows) {
      dialog.publishFollows = true;
      const again = () => requestAnimationFrame(() => { if (last.preview && document.getElementById('embed-preview')) preview(); });
      dialog.addEventListener('change', again);
      dialog.addEventListener('input', again);
    }
    const cite = () => {
      status.textContent = w('working');
      const link = state();
      const here = location.href.split('#')[0] + '#' + link;
      compute({ publish: 'cite', link: here, lang, date: new Date().toISOString().slice(0, 10) }).then((a) => {
        const f = typeof a.text === 'string' && !a.text.startsWith('!') ? a.text.split('\t') : [];
        if (f.length !== 3) { status.textContent = w('failed'); return; }
        last.cite = { lang, link, text: f[1], bibtex: f[2] };
        status.textContent = '';
        show();
      });
    };
    const data = () => {
      status.textContent = w('working');
      compute({ publish: 'bundle', link: state() }).then((a) => {
        if (!(a.bytes instanceof Uint8Array)) { status.textContent = w('failed'); return; }
        download(`parcel-standoff-${scenario()}-data.zip`, new Blob([a.bytes], { type: 'application/zip' }));
        status.textContent = '';
      });
    };
    const exportPicture = () => {
      const name = `parcel-standoff-${scenario()}.png`;
      picture(snippet().url, name, (ok) => {
        const field = document.getElementById('embed-picture');
        if (ok && field && !field.value.trim()) {
          field.value = name;
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }
        if (!ok) status.textContent = w('failed');
      });
    };
    const copyBox = (id, label, text, rows) => {
      const said = el('span', { role: 'status', id: `${id}-copied` });
      const copy = () => navigator.clipboard.writeText(text).then(
        () => { said.textContent = w('copied'); },
        () => { said.textContent = w('copy_failed'); });
      return [
        el('label', { for: id }, label),
        el('textarea', { id, readonly: '', rows: String(rows), style: MONO }, text),
        el('div', { class: 'story-nav' },
          el('button', { type: 'button', id: `${id}-copy`, 'aria-describedby': id, click: copy }, (document.getElementById('embed-copy') || {}).textContent || 'Copy'),
          said),
      ];
    };
    const cited = el('div', { id: 'cite' });
    const show = () => {
      const c = last.cite;
      cited.replaceChildren(...(c && c.lang === lang && c.link === state()
        ? [...copyBox('cite-text', w('cite_text'), c.text, 4), ...copyBox('cite-bibtex', w('cite_bibtex'), c.bibtex, 8)]
        : []));
    };
    show();
    box.replaceChildren(
      el('div', { class: 'embed-options' }, el('label', { for: 'embed-preview' }, w('preview')), select),
      frameBox,
      el('div', { class: 'story-nav', style: 'flex-wrap:wrap;justify-content:flex-start;align-items:center' },
        el('button', { type: 'button', id: 'embed-picture-export', click: exportPicture }, w('picture_export')),
        el('button', { type: 'button', id: 'cite-button', click: cite }, w('cite')),
        el('button', { type: 'button', id: 'data-button', click: data }, w('data')),
        el('a', { id: 'embed-docs', href: 'guide-embed.html', target: '_blank', rel: 'noopener' }, w('docs'))),
      status,
      cited);
    if (last.preview) preview();
  }

  window.parcelStandoffPublish = fill;
  // the page draws the box whenever the dialog opens, and again in another language
  const watch = new MutationObserver(fill);
  watch.observe(document.body, { childList: true, subtree: true });
  watch.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  fill();
})();
