// The home page's municipality, remembered on this device only (localStorage; no cookie, and
// nothing is sent anywhere): choosing one stores it, and a later visit offers a link back to it.
(function () {
  "use strict";
  var form = document.querySelector("[data-municipality-picker]");
  var box = document.querySelector("[data-remembered]");
  if (!form || !box) return;
  var select = form.querySelector("select");
  var KEY = "hyvinvointiopas.municipality";
  var store;
  try {
    store = window.localStorage;
    store.getItem(KEY);
  } catch (error) {
    return; // storage refused: the address alone remembers the choice
  }
  form.addEventListener("submit", function () {
    if (select.value) store.setItem(KEY, select.value);
    else store.removeItem(KEY);
  });
  if (new URLSearchParams(window.location.search).has("municipality")) {
    if (select.value) store.setItem(KEY, select.value);
    return;
  }
  var code = store.getItem(KEY);
  var option = Array.prototype.find.call(select.options, function (item) {
    return item.value && item.value === code;
  });
  if (!option) return;
  box.querySelector("a").href = "?municipality=" + encodeURIComponent(code);
  box.querySelector("[data-remembered-name]").textContent = option.textContent;
  box.hidden = false;
  box.querySelector("[data-forget]").addEventListener("click", function () {
    store.removeItem(KEY);
    box.hidden = true;
  });
})();
