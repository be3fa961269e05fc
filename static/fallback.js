// Shown when the app cannot start (index.html's boot script loads this file then, with the
// reason): the state's still picture — the link's `picture=`, else its scenario's, made by
// `make pictures` — one sentence, a link to the interactive version in a new tab, and an `error`
// event with the reason for the host page. docs/embed.md, "When the app cannot run".
(function () {
  var reason = document.currentScript.dataset.reason;
  var a = document.getElementById('app');
  function key(k) {
    var m = (location.hash + '&' + location.search.slice(1)).match(new RegExp('[#&?]' + k + '=([^&]*)'));
    try { return m ? decodeURIComponent(m[1]) : ''; } catch (e) { return ''; }
  }
  var zh = /^zh/.test(key('lang') || navigator.language);
  var scenario = key('scenario') || 'baseline-2017';
  var pic = key('picture');
  var origins = key('origins');
  // an https address or a path beside the app; anything else (data:, javascript:) is not used
  if (!/^(https:\/\/|[\w.\/-]+$)/.test(pic)) pic = /^[\w-]{1,40}$/.test(scenario) ? 'pictures/' + scenario + (zh ? '.zh' : '.en') + '.png' : '';
  var d = document.createElement('div');
  var p = d.appendChild(document.createElement('p'));
  var l = d.appendChild(document.createElement('a'));
  d.className = 'fallback';
  d.style.padding = '1rem';
  p.textContent = zh
    ? '交互模拟无法在此启动（WebAssembly 被阻止或未能加载），下图为该状态的静态画面。'
    : 'The interactive simulation could not start here (WebAssembly is blocked or did not load); this is a still picture of its state.';
  l.textContent = zh ? '打开交互版本' : 'Open the interactive version';
  // the same state, not embedded
  l.href = location.href.replace(/([#?&])embed=[^&]*&?/, '$1');
  l.target = '_blank';
  l.rel = 'noopener';
  if (pic) {
    var i = d.appendChild(document.createElement('img'));
    i.alt = zh ? '模拟状态的静态画面：平台、快递公司与数据链路，以及图表' : 'A still picture of the simulation: platforms, couriers and data links, and the chart';
    i.style.cssText = 'display:block;max-width:100%;height:auto;margin-top:1em';
    i.onerror = function () { i.remove(); };
    i.src = pic;
  }
  a.replaceChildren(d);
  if (parent != window) {
    (origins ? origins.split(',') : ['*']).forEach(function (t) {
      parent.postMessage({ protocol: 'parcel-standoff', version: 1, event: 'error', reason: reason, message: p.textContent }, t.trim());
    });
  }
})();
