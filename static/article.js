// Drives the embedded simulation from the reader's scrolling, through the host API (version 1).
(function () {
  'use strict';
  var frame = document.getElementById('sim');
  var nowEl = document.getElementById('now');
  var origin = window.location.origin === 'null' ? '*' : window.location.origin;
  var ready = false;
  var pending = null;
  window.embedState = null;
  window.embedLog = [];

  function send(msg) {
    msg.protocol = 'parcel-standoff';
    msg.version = 1;
    if (!ready) { pending = msg; return; }
    frame.contentWindow.postMessage(msg, origin);
  }

  window.addEventListener('message', function (ev) {
    if (ev.source !== frame.contentWindow) return;
    var m = ev.data;
    if (!m || m.protocol !== 'parcel-standoff') return;
    window.embedLog.push(m.event);
    if (m.event === 'ready') {
      ready = true;
      if (pending) { var p = pending; pending = null; send(p); }
    } else if (m.event === 'height' && m.height > 0) {
      frame.style.height = Math.min(m.height, window.innerHeight * 0.9) + 'px';
    } else if (m.event === 'state') {
      window.embedState = m;
      nowEl.textContent = m.t.replace('T', ' ') + ' (Beijing) · SF share ' + (100 * m.sf_share).toFixed(2) + '%';
    } else if (m.event === 'error') {
      console.warn('embed error:', m.message);
    }
  });

  function activate(step) {
    document.querySelectorAll('.step').forEach(function (s) { s.classList.toggle('active', s === step); });
    if (step.dataset.state) send({ command: 'load', state: step.dataset.state });
    else if (step.dataset.seek) send({ command: 'seek', t: step.dataset.seek });
  }

  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { if (e.isIntersecting) activate(e.target); });
  }, { rootMargin: '-45% 0px -45% 0px' });
  document.querySelectorAll('.step').forEach(function (s) { observer.observe(s); });
})();
