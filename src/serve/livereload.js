// hyoka serve: reloads this tab when the site is rebuilt. Added by `hyoka serve` only;
// `hyoka build` never writes it into the site.
// Only a visible tab keeps its event stream open: browsers allow six connections to one
// server, and ten open tabs must not stall the preview. A tab shown again reconnects, is
// told the current version at once, and reloads if it missed a change.
(function () {
  var shown = "__HYOKA_VERSION__";
  var source = null;
  function connect() {
    if (source) return;
    source = new EventSource("__HYOKA_EVENTS__");
    source.addEventListener("version", function (event) {
      if (event.data !== shown) {
        source.close();
        location.reload();
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
  if (!document.hidden) connect();
})();
