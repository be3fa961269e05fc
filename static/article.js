// Drives the embedded simulation from the reader's scrolling, through the host API (version 1),
// and sizes the frame from the embed's height reports.
(function () {
  'use strict';
  var frame = null; // created below, once the message listener is in place
  var figure = document.getElementById('figure');
  var steps = Array.prototype.slice.call(document.querySelectorAll('.step'));
  var nowEl = document.getElementById('now');
  var origin = window.location.origin === 'null' ? '*' : window.location.origin;
  var STACKED = window.matchMedia('(max-width: 999px)');
  var ready = false;
  var active = null;
  var shownView = null;
  // what tests and curious readers can inspect: the last state and height the embed reported
  window.embedState = null;
  window.embedHeight = null;
  window.embedLog = [];

  function send(msg) {
    msg.protocol = 'parcel-standoff';
    msg.version = 1;
    frame.contentWindow.postMessage(msg, origin);
  }

  // The frame is as tall as the embed's content, as long as that fits the space the layout allows
  // it (side by side: the screen's height; stacked: about 60% of it, so the text has room below).
  // Content taller than that is scrolled inside the frame, deliberately (class "scrolls").
  function sizeFrame() {
    if (!window.embedHeight) return;
    var caption = figure.offsetHeight - frame.offsetHeight;
    var border = frame.offsetHeight - frame.clientHeight; // the frame's height counts its border
    var room = (STACKED.matches ? Math.floor(window.innerHeight * 0.6) : window.innerHeight - 32) - caption - border;
    var h = Math.max(200, Math.min(window.embedHeight, room));
    frame.style.height = (h + border) + 'px';
    frame.classList.toggle('scrolls', h < window.embedHeight);
    frame.setAttribute('scrolling', h < window.embedHeight ? 'yes' : 'no');
    var free = window.innerHeight - (STACKED.matches ? figure.offsetHeight : 0);
    document.documentElement.style.setProperty('--free-height', Math.max(free, 200) + 'px');
    update();
  }

  // The paragraph being read is the one on the reading line: the middle of the screen beside the
  // figure, or the middle of the space below it when the figure is on top.
  function readingLine() {
    if (!STACKED.matches) return window.innerHeight / 2;
    var top = figure.getBoundingClientRect().bottom;
    return top + (window.innerHeight - top) / 2;
  }

  function update() {
    var y = readingLine();
    var best = null;
    var bestDist = Infinity;
    steps.forEach(function (s) {
      var r = s.querySelector('.card').getBoundingClientRect();
      var d = y < r.top ? r.top - y : (y > r.bottom ? y - r.bottom : 0);
      if (d < bestDist) { bestDist = d; best = s; }
    });
    if (best && best !== active) activate(best);
  }

  function activate(step) {
    active = step;
    steps.forEach(function (s) { s.classList.toggle('active', s === step); });
    show(step);
  }

  function show(step) {
    if (!ready) return; // sent once the embed says it is ready
    if (step.dataset.view && step.dataset.view !== shownView) {
      shownView = step.dataset.view;
      send({ command: 'view', view: shownView });
    }
    send({ command: 'seek', t: step.dataset.t, id: 'step-' + step.dataset.step });
  }

  window.addEventListener('message', function (ev) {
    if (!frame || ev.source !== frame.contentWindow) return;
    var m = ev.data;
    if (!m || m.protocol !== 'parcel-standoff') return;
    window.embedLog.push(m.event);
    if (m.event === 'ready') {
      ready = true;
      shownView = null;
      if (active) show(active);
    } else if (m.event === 'height' && m.height > 0) {
      window.embedHeight = m.height;
      sizeFrame();
    } else if (m.event === 'state') {
      window.embedState = m;
      nowEl.textContent = m.t.replace('T', ' ') + ' · SF share ' + (100 * m.sf_share).toFixed(2) +
        '% (no cuts: ' + (100 * m.sf_share_baseline).toFixed(2) + '%)';
    } else if (m.event === 'error') {
      console.warn('embed error:', m.message);
    }
  });

  // The frame is made only now, after the listener above: an embed can say `ready` (and send its
  // first `state`) as soon as it has loaded, and a message sent before the host listens is lost.
  frame = document.createElement('iframe');
  frame.id = 'sim';
  frame.title = 'Parcel Standoff: the June 2017 SF Express \u2013 Cainiao dispute';
  frame.loading = 'eager';
  frame.allowFullscreen = true;
  frame.src = 'index.html#embed=1&view=chart:share&scenario=june-2017&t=2017-05-31T12:00&lang=en';
  figure.insertBefore(frame, figure.firstChild);

  var queued = false;
  function onScroll() {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(function () { queued = false; update(); });
  }
  window.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', sizeFrame);
  update();
})();
