// Parcel Standoff: "how sure is this?" computed off the page's thread.
// In a Web Worker (the usual case) this script loads its own small wasm module (no interface
// code) and answers each request with progress after every run, then the answer; a newer
// request replaces the one in progress. The page may run two, each computing half the runs. When no worker can start (a policy forbids it, or the
// page was opened as a file), the page loads this same script and the module itself, and the
// same jobs run on the page, ~12 ms of model steps per animation frame (a heavy run is never one
// long task): the same numbers, a little slower.
/* global wasm_bindgen, importScripts */
'use strict';
(function () {
  const inWorker = typeof window === 'undefined' && typeof importScripts === 'function';
  if (inWorker) importScripts('./parcel-standoff-worker.js');
  // the single offline file carries the module's bytes (parcelStandoffWorkerWasm)
  const source = (!inWorker && window.parcelStandoffWorkerWasm) || './parcel-standoff-worker_bg.wasm';
  let ready = null; // the module starts with the first request
  const queued = []; // requests and other shards' outcomes, in order
  let running = false;
  let send = (m) => postMessage(m);
  const later = inWorker ? (f) => setTimeout(f, 0) : (f) => requestAnimationFrame(() => f());

  // on the page: model steps for this long each frame, as the page builds its own heavy runs
  const SLICE_MS = 12;

  function pump() {
    const t0 = performance.now();
    for (;;) {
      while (queued.length) {
        const first = wasm_bindgen.submit(queued.shift());
        if (first) send(first);
      }
      // in a worker a whole run, on the page a step at a time
      const msg = inWorker ? wasm_bindgen.work() : wasm_bindgen.work_steps(1);
      if (msg) send(msg);
      if (inWorker || wasm_bindgen.idle() || performance.now() - t0 > SLICE_MS) break;
    }
    // yield between runs (between slices on the page), so that a newer request is read first
    if (queued.length || !wasm_bindgen.idle()) later(pump);
    else running = false;
  }

  // the page's Cite and Download data: an object { publish: 'cite' | 'bundle', id, link, lang,
  // date }, answered at once (between two runs of an ensemble) with { publish, id, text } or
  // { publish, id, bytes }; a text starting with '!' says why there is no answer
  function publish(m) {
    const answer = (r) => send(Object.assign({ publish: m.publish, id: m.id }, r));
    ready = ready || wasm_bindgen({ module_or_path: source });
    ready.then(() => {
      try {
        if (m.publish === 'cite') answer({ text: wasm_bindgen.cite(m.link, m.lang, m.date) });
        else answer({ bytes: wasm_bindgen.bundle(m.link) });
      } catch (err) {
        answer({ text: '!' + err });
      }
    }, (err) => answer({ text: '!the module could not start: ' + err }));
  }

  function receive(text) {
    if (text && typeof text === 'object') return publish(text);
    queued.push(String(text));
    if (running) return;
    running = true;
    ready = ready || wasm_bindgen({ module_or_path: source });
    ready.then(pump, (err) => {
      running = false;
      send('x\t0\tthe module could not start: ' + err);
    });
  }

  if (inWorker) {
    self.onmessage = (e) => receive(e.data);
  } else {
    // the page's stand-in for a worker
    window.parcelStandoffLocal = { post: receive, listen: (f) => { send = f; } };
  }
})();
