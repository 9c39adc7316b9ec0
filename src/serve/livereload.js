// hyoka serve: reloads this tab when the site is rebuilt. Added by `hyoka serve` only;
// `hyoka build` never writes it into the site.
(function () {
  var shown = "__HYOKA_VERSION__";
  var source = new EventSource("__HYOKA_EVENTS__");
  source.addEventListener("version", function (event) {
    if (event.data !== shown) {
      source.close();
      location.reload();
    }
  });
})();
