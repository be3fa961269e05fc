// Parcel Standoff: the worker that computes "how sure is this?" off the page's thread.
// It loads its own small wasm module (no interface code), takes requests as text, and answers
// with progress after every run, then the answer. A newer request replaces the one in progress.
/* global wasm_bindgen, importScripts */
'use strict';
importScripts('./parcel-standoff-worker.js');
const ready = wasm_bindgen({ module_or_path: './parcel-standoff-worker_bg.wasm' });
let queued = null;
let running = false;

function pump() {
  if (queued !== null) {
    const req = queued;
    queued = null;
    postMessage(wasm_bindgen.submit(req));
  }
  const msg = wasm_bindgen.work();
  if (msg) postMessage(msg);
  // yield between runs so that a newer request is read before the next run
  if (msg || queued !== null) setTimeout(pump, 0);
  else running = false;
}

onmessage = (e) => {
  queued = String(e.data);
  if (!running) {
    running = true;
    ready.then(pump, (err) => {
      running = false;
      postMessage('x\t0\tthe worker could not start: ' + err);
    });
  }
};
