// hyoka serve: reloads this tab when the site is rebuilt. Added by `hyoka serve` only;
// `hyoka build` never writes it into the site.
// Only a visible tab keeps its event stream open: browsers allow six connections to one
// server, and ten open tabs must not stall the preview. A tab shown again reconnects, is
// told the current version at once, and reloads if it missed a change. Leaving the page
// (pagehide, also when it goes into the back/forward cache) closes the stream, so neither
// closing a tab nor a cached page ever waits on or holds a connection; pageshow reopens it.
(function () {
  var shown = __HYOKA_VERSION__;
  var file = __HYOKA_FILE__;
  var source = null;
  function connect() {
    if (source) return;
    source = new EventSource("__HYOKA_EVENTS__");
    source.addEventListener("version", function (event) {
      var notice = JSON.parse(event.data);
      if (notice.v === shown) return;
      var mine = notice.pages === null || file === null || notice.v !== shown + 1 ||
        notice.pages.indexOf(file) >= 0;
      if (mine) {
        source.close();
        location.reload();
      } else {
        shown = notice.v;
      }
    });
  }
  function disconnect() {
    if (source) {
      source.close();
      source = null;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect(); else connect();
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && !document.hidden) connect();
  });
  if (!document.hidden) connect();
})();
