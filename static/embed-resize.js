// Parcel Standoff: an optional script for pages that embed the simulation. It makes every
// Parcel Standoff frame on the page as tall as its content. No dependencies; include it once,
// before the frames (so it hears their first report):
//
//   <script src="https://your.site/parcel-standoff/embed-resize.js"></script>
//
// Each embed posts {sentinel: 'amp', type: 'embed-size', height} to its page whenever its content
// height changes (beside the host API's `height` event). The frame that sent it, if its address
// is a Parcel Standoff embed (`embed=1`), takes that height; other frames are left alone.
(function () {
  'use strict';
  if (window.parcelStandoffResize) return; // once per page, however often it is included
  window.parcelStandoffResize = true;
  var EMBED = /[#?&]embed=1(&|$)/;
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.sentinel !== 'amp' || d.type !== 'embed-size') return;
    var h = Number(d.height);
    if (!(h > 0 && h < 100000)) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.contentWindow !== e.source) continue;
      if (EMBED.test(f.getAttribute('src') || '')) f.style.height = Math.ceil(h) + 'px';
      return;
    }
  });
})();
