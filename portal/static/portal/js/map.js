// Maps of services (Leaflet + Leaflet.markercluster, vendored in static/vendor).
// An enhancement only: every map container starts hidden and the same services are listed
// on the page. When the script, the points or the tiles fail, the map stays hidden (or is
// hidden again) and the status line under it says where the list is.
(function () {
  "use strict";
  var CLUSTER_FROM = 20; // markers cluster when a map has more than this many
  var DEFAULT_VIEW = [63.1, 21.6]; // Vaasa, when a map has no points
  var boxes = document.querySelectorAll("[data-map]");
  var script = document.currentScript;
  if (!boxes.length) {
    return;
  }

  // Leaflet and its clustering: on pages whose map opens only on request (the search
  // results), they are fetched when it first opens, so that a page whose map stays closed
  // does not load them (map_assets.html with on_demand: their addresses on this script).
  var loading = null;
  function leaflet() {
    if (window.L) {
      return Promise.resolve();
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var data = script ? script.dataset : {};
        var scripts = (data.leafletScripts || "").split(" ").filter(Boolean);
        if (!scripts.length) {
          reject(new Error("Leaflet is not on the page"));
          return;
        }
        (data.leafletStyles || "").split(" ").filter(Boolean).forEach(function (href) {
          var link = document.createElement("link");
          link.rel = "stylesheet";
          link.href = href;
          document.head.appendChild(link);
        });
        // In order: the clustering extends Leaflet.
        (function next(index) {
          if (index === scripts.length) {
            resolve();
            return;
          }
          var tag = document.createElement("script");
          tag.src = scripts[index];
          tag.onload = function () {
            next(index + 1);
          };
          tag.onerror = reject;
          document.head.appendChild(tag);
        })(0);
      });
    }
    return loading;
  }

  function statusOf(box) {
    var next = box.nextElementSibling;
    return next && next.hasAttribute("data-map-status") ? next : null;
  }

  function fail(box) {
    if (box.dataset.failed === "1") {
      return;
    }
    box.dataset.failed = "1";
    box.hidden = true;
    var status = statusOf(box);
    if (status) {
      status.textContent = box.dataset.failureMessage;
      status.classList.add("notice");
    }
    box.dispatchEvent(new CustomEvent("map:failed", { bubbles: true }));
  }

  function popup(feature) {
    var wrap = document.createElement("div");
    var link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = feature.properties.name;
    link.className = "map-popup__title";
    wrap.appendChild(link);
    if (feature.properties.place) {
      var place = document.createElement("p");
      place.textContent = feature.properties.place;
      wrap.appendChild(place);
    }
    return wrap;
  }

  // A cluster: its count, and for screen readers what pressing it does. 44 px, a touch target.
  function clusterIcon(box, count) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var wrap = document.createElement("div");
    var shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    shown.textContent = String(count);
    var told = document.createElement("span");
    told.className = "visually-hidden";
    told.textContent = box.dataset.clusterLabel.replace("{count}", String(count));
    wrap.appendChild(shown);
    wrap.appendChild(told);
    return L.divIcon({
      html: wrap,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(44, 44),
    });
  }

  function draw(box, features) {
    var canvas = box.querySelector(".map__canvas");
    var map = L.map(canvas, { scrollWheelZoom: false, zoomControl: false });
    L.control
      .zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut })
      .addTo(map);
    map.attributionControl.setPrefix(false);
    var loaded = false;
    var errors = 0;
    var tiles = L.tileLayer(box.dataset.tileUrl, {
      attribution: box.dataset.attribution,
      maxZoom: parseInt(box.dataset.maxZoom, 10) || 18,
    });
    tiles.on("tileload", function () {
      loaded = true;
    });
    tiles.on("tileerror", function () {
      errors += 1;
      if (!loaded && errors >= 2) {
        fail(box);
      }
    });
    tiles.addTo(map);
    var icon = L.icon({
      iconUrl: box.dataset.icon,
      iconRetinaUrl: box.dataset.icon2x,
      shadowUrl: box.dataset.shadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
    var group =
      features.length > CLUSTER_FROM && L.markerClusterGroup
        ? L.markerClusterGroup({
            showCoverageOnHover: false,
            iconCreateFunction: function (cluster) {
              return clusterIcon(box, cluster.getChildCount());
            },
          })
        : L.featureGroup();
    // A place's route or area (LIPAS) is drawn under its marker, which stays the way in.
    var outlines = L.featureGroup();
    features.forEach(function (feature) {
      if (feature.properties.outline) {
        outlines.addLayer(
          L.geoJSON(feature.properties.outline, {
            interactive: false,
            style: { color: "#1d6a4f", weight: 4, opacity: 0.9, fillOpacity: 0.15 },
          })
        );
      }
      var point = feature.geometry.coordinates; // GeoJSON: [lon, lat]
      var marker = L.marker([point[1], point[0]], {
        icon: icon,
        alt: feature.properties.name,
        title: feature.properties.name,
      });
      marker.bindPopup(
        function () {
          return popup(feature);
        },
        {
          maxWidth: Math.max(160, Math.min(300, canvas.clientWidth - 110)),
          autoPanPaddingTopLeft: [64, 16],
          autoPanPaddingBottomRight: [16, 16],
        }
      );
      group.addLayer(marker);
    });
    map.addLayer(outlines);
    map.addLayer(group);
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", box.dataset.close);
        close.setAttribute("title", box.dataset.close);
      }
      var link = event.popup.getElement().querySelector("a.map-popup__title");
      if (link) {
        link.focus();
      }
    });
    if (features.length) {
      var bounds = group.getBounds();
      if (outlines.getLayers().length) {
        bounds.extend(outlines.getBounds());
      }
      map.fitBounds(bounds, { maxZoom: 14, padding: [24, 24] });
    } else {
      map.setView(DEFAULT_VIEW, 8);
    }
    return map;
  }

  function show(box) {
    if (box.dataset.failed === "1") {
      return;
    }
    box.hidden = false;
    if (box._map) {
      box._map.invalidateSize();
      return;
    }
    var features;
    if (box.dataset.features) {
      var source = document.getElementById(box.dataset.features);
      features = Promise.resolve(JSON.parse(source.textContent).features);
    } else {
      features = fetch(box.dataset.pointsUrl, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("map points: HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          return data.features;
        });
    }
    Promise.all([features, leaflet()])
      .then(function (loaded) {
        box._map = draw(box, loaded[0]);
      })
      .catch(function () {
        fail(box);
      });
  }

  // The search page: a list/map switch over the results. The list is the default and
  // comes back whenever the map fails.
  var toggle = document.querySelector("[data-view-toggle]");
  var results = document.querySelector("[data-results-list]");
  if (toggle && results) {
    var box = toggle.parentNode.querySelector("[data-map]");
    var buttons = toggle.querySelectorAll("button[data-view]");
    var choose = function (view) {
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.view === view));
      });
      results.hidden = view === "map";
      if (view === "map") {
        show(box);
      } else {
        box.hidden = true;
      }
    };
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        choose(button.dataset.view);
      });
    });
    box.addEventListener("map:failed", function () {
      toggle.hidden = true;
      choose("list");
    });
    toggle.hidden = false;
  }

  // Maps shown as soon as the page loads (the service page's places).
  boxes.forEach(function (box) {
    if (!box.closest("[data-map-on-demand]")) {
      show(box);
    }
  });
})();
