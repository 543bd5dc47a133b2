// Draws a coopkg map into an element: NUTS regions coloured by projects (or by budget in
// one currency), country outlines behind them and a dot at every place with coordinates.
// Clicking a region opens the project list narrowed to it. Needs Leaflet (vendor/leaflet).
"use strict";

function coopkgMap(element, dataUrl, options) {
  options = options || {};
  const map = L.map(element, { attributionControl: true, zoomSnap: 0.25 });
  // a view from the start: Leaflet draws no layer (and makes no SVG path) before one
  map.setView([50.5, 20], 5);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries © EuroGeographics, Eurostat/GISCO; countries: Natural Earth");
  const palette = ["#f1eef6", "#d0d1e6", "#a6bddb", "#74a9cf", "#2b8cbe", "#045a8d"];
  let layers = [];

  function colour(value, top) {
    if (!value) return "#ffffff";
    const step = Math.min(palette.length - 1, Math.ceil((value / top) * (palette.length - 1)));
    return palette[Math.max(1, step)];
  }

  function measureOf(props, measure) {
    if (measure === "projects") return props.projects;
    return props.budgets[measure] || 0;
  }

  function background(url) {
    if (!url) return Promise.resolve();
    return fetch(url).then((r) => r.json()).then((countries) => {
      L.geoJSON(countries, {
        style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f4f4f0", fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
    });
  }

  function draw(data, measure) {
    layers.forEach((layer) => map.removeLayer(layer));
    layers = [];
    const values = data.regions.features.map((f) => measureOf(f.properties, measure));
    const top = Math.max(1, ...values);
    const regions = L.geoJSON(data.regions, {
      style: (f) => ({
        color: "#555", weight: 0.6,
        fillColor: colour(measureOf(f.properties, measure), top), fillOpacity: 0.85,
      }),
      onEachFeature: (f, layer) => {
        const p = f.properties;
        const money = Object.entries(p.budgets).map(([c, v]) => `${v.toLocaleString()} ${c}`);
        layer.bindTooltip(
          `<b>${p.code}</b> ${p.name}<br>${p.projects} project(s)` +
          (money.length ? `<br>budget: ${money.join(", ")}` : ""), { sticky: true });
        if (p.projects > 0 && options.clickable !== false) {
          layer.on("click", () => { window.location.href = p.list; });
        }
      },
    }).addTo(map);
    // name each drawn region by its code, for styling, tests and assistive tools
    regions.eachLayer((layer) => {
      const el = layer.getElement && layer.getElement();
      if (el) {
        el.setAttribute("data-nuts", layer.feature.properties.code);
        el.setAttribute("data-projects", layer.feature.properties.projects);
        el.classList.add("nuts-region");
      }
    });
    layers.push(regions);
    const dots = L.layerGroup(data.points.map((pt) => {
      const list = pt.projects.map((p) => `<li><a href="${p.href}">${escapeHtml(p.title)}</a></li>`);
      return L.circleMarker([pt.lat, pt.lon], {
        radius: 6, color: "#b30000", weight: 2, fillColor: "#ff6f4f", fillOpacity: 0.9,
      }).bindPopup(`<b>${escapeHtml(pt.label)}</b><ul>${list.join("")}</ul>`);
    })).addTo(map);
    layers.push(dots);
    const withData = data.regions.features.filter((f) => f.properties.projects > 0);
    const bounds = L.latLngBounds([]);
    withData.forEach((f) => bounds.extend(L.geoJSON(f).getBounds()));
    data.points.forEach((pt) => bounds.extend([pt.lat, pt.lon]));
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.3), { maxZoom: 8 });
    else map.setView([50.5, 20], 5);
    if (options.legend) legend(options.legend, measure, top);
    element.setAttribute("data-ready", "true");
  }

  function legend(target, measure, top) {
    const label = measure === "projects" ? "projects" : `budget (${measure})`;
    const swatches = palette.slice(1).map((c) => `<i style="background:${c}"></i>`).join("");
    target.innerHTML = `${label}: <i style="background:#ffffff"></i>none · ` +
      `${swatches} up to ${top.toLocaleString()}`;
  }

  return fetch(dataUrl, { headers: { Accept: "application/json" } })
    .then((r) => r.json())
    .then((data) => background(data.countries).then(() => data))
    .then((data) => {
      draw(data, "projects");
      if (options.measures) {
        options.measures.innerHTML = ["projects", ...data.currencies]
          .map((m) => `<option value="${m}">${m === "projects" ? "number of projects" : "budget in " + m}</option>`)
          .join("");
        options.measures.addEventListener("change", (ev) => draw(data, ev.target.value));
      }
      return data;
    });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);
}
