"use strict";
/* The desk's map: where the filtered records happened, one point per place (GeoNames id),
   clustered, over Natural Earth country shapes bundled with the page (no tile server). A
   click on a point lists the claims made there. Uses the desk's helpers in app.js (api,
   filters, detail, section, claimList, el); place names only ever enter the page as text. */

const MAP = { map: null, cluster: null, fitted: false };
const MAP_STYLE = { color: "#8c8c8c", weight: 0.6, fillColor: "#f4f2ea", fillOpacity: 1 };

async function mapBase(map) {
  const response = await fetch("/static/vendor/world-atlas/countries-50m.json");
  const topo = await response.json();
  L.geoJSON(topojson.feature(topo, topo.objects.countries),
    { style: MAP_STYLE, interactive: false }).addTo(map).bringToBack();
}

function setupMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 11, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth (public domain), Leaflet");
  map.setView([40, 35], 3);
  MAP.cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45 });
  map.addLayer(MAP.cluster);
  MAP.map = map;
  return mapBase(map);
}

function placeLabel(p) {
  return [p.name, p.admin1 && p.admin1 !== p.name ? p.admin1 : null, p.country]
    .filter(Boolean).join(", ");
}

function placeMarker(p) {
  const marker = L.circleMarker([p.lat, p.lon], {
    radius: Math.min(5 + 2 * Math.sqrt(p.records), 16), className: "place",
    color: "#7b241c", weight: 1, fillColor: "#c0392b", fillOpacity: 0.75 });
  marker.bindTooltip(el("span", {}, `${placeLabel(p)}: ${p.records} claim${p.records === 1 ? "" : "s"}`));
  marker.on("add", () => { marker.getElement().dataset.place = String(p.geonames_id); });
  marker.on("click", () => showPlace(p));
  return marker;
}

async function showPlace(p) {
  const panel = detail(p.name, el("p", { class: "muted" },
    `${placeLabel(p)} · ${p.feature || "place"} · GeoNames ${p.geonames_id} · `,
    `${p.records} claim${p.records === 1 ? "" : "s"} in ${p.documents} document${p.documents === 1 ? "" : "s"}`));
  const target = section(panel, "Claims made here");
  try {
    const f = filters();
    const query = { place: p.geonames_id, actor: f.party, type: f.type, ...evidenceFilters(),
      limit: 50, context: 160 };
    claimList(target, await api("/api/events", query), query);
  } catch (err) { failure(target, err); }
}

async function loadMap() {
  document.body.dataset.map = "loading";
  const status = $("#map-status");
  try {
    if (!MAP.map) await setupMap();
    const f = filters();
    const body = await api("/api/places", { actor: f.party, type: f.type, commodity: f.commodity,
      modality: f.modality, since: f.since, until: f.until });
    MAP.cluster.clearLayers();
    MAP.cluster.addLayers(body.items.map(placeMarker));
    fitMap();
    status.textContent = `${body.items.length} places, ${body.records} claims with a place.`;
  } catch (err) { status.textContent = `Could not load the map: ${err.message}`; }
  document.body.dataset.map = "yes";
}

/* The first view takes in every point; a hidden map has no size, so it waits to be shown. */
function fitMap() {
  if (MAP.fitted || !MAP.cluster.getLayers().length || !MAP.map.getSize().x) return;
  MAP.map.fitBounds(MAP.cluster.getBounds(), { padding: [30, 30], maxZoom: 4, animate: false });
  MAP.fitted = true;
}

function showMap() {
  if (!MAP.map) return;
  MAP.map.invalidateSize({ animate: false });
  fitMap();
}
