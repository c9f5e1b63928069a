// The search page's filters on a phone: folded, so that the results come first (the filters
// in use are listed above the results, each with a link that removes it). Without this
// script, or when a filter needs fixing, the filters stay open.
(function () {
  "use strict";
  var filters = document.querySelector("[data-fold-narrow]");
  if (!filters || !window.matchMedia) {
    return;
  }
  var narrow = window.matchMedia("(max-width: 59.99rem)").matches;
  if (narrow && !filters.querySelector("[aria-invalid='true']")) {
    filters.open = false;
  }
})();
