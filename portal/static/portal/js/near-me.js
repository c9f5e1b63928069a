// "Use my location" on the search page: optional. Without JavaScript, or when the user
// declines, the postal code / municipality field does the same. The position is rounded to
// about 100 metres and goes only into the search URL (near=lat,lon); nothing is stored.
(function () {
  "use strict";
  var button = document.getElementById("use-my-location");
  var form = document.getElementById("search-form");
  var status = document.getElementById("location-status");
  if (!button || !form || !("geolocation" in navigator)) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var near = form.querySelector("input[name=near]");
        if (!near) {
          near = document.createElement("input");
          near.type = "hidden";
          near.name = "near";
          form.appendChild(near);
        }
        near.value =
          position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3);
        var place = document.getElementById("search-location");
        if (place) {
          place.value = "";
        }
        var page = form.querySelector("input[name=page]");
        if (page) {
          page.remove();
        }
        form.submit();
      },
      function () {
        status.textContent = button.dataset.denied;
      },
      { timeout: 10000, maximumAge: 600000 }
    );
  });
})();
