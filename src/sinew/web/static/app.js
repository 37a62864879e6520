"use strict";
/* sinew: the analyst's desk. Plain JavaScript with nothing loaded from elsewhere (the map,
   map.js, uses Leaflet vendored under /static/vendor). Document text is untrusted input: it
   only ever enters the page as text nodes (append of strings, textContent), never as markup;
   the server's Content-Security-Policy forbids inline script as a second line of defence. */

const SVGNS = "http://www.w3.org/2000/svg";
const TYPE_COLOURS = {
  AID: "#c0392b", AGREE: "#2471a3", COOPERATE: "#17a589", CONSULT: "#5dade2",
  SUPPORT: "#48c9b0", CONCEDE: "#7fb3d5", RETREAT: "#76d7c4", REQUEST: "#d4ac0d",
  ACCUSE: "#a569bd", REJECT: "#7d3c98", THREATEN: "#e67e22", PROTEST: "#ca6f1e",
  SANCTION: "#566573", MOBILIZE: "#9a7d0a", COERCE: "#6e2c00", ASSAULT: "#1b2631",
};
const MEASURE_COLOUR = "#95a5a6";
const NON_FACTUAL = new Set(["hypothetical", "future", "negated"]);
const BOX = { w: 900, h: 560, margin: 70 };

const state = {
  facets: null, months: [], names: new Map(), positions: new Map(),
  graph: null, selected: null, docOffset: 0, docQuery: "",
};

/* ---------- DOM helpers: every string becomes a text node ---------- */

function $(selector, root = document) { return root.querySelector(selector); }

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

function fill(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/* Replace a node's children; like fill, skips null and false and flattens arrays. */
function put(node, ...children) {
  node.replaceChildren();
  return fill(node, children);
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  return fill(node, children);
}

function sv(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  setAttrs(node, attrs);
  return fill(node, children);
}

function colour(type) { return TYPE_COLOURS[type] || MEASURE_COLOUR; }
function nameOf(id) { return state.names.get(id) || id; }
function words(text) { return String(text || "").replaceAll("_", " "); }

function number(value) {
  if (value === null || value === undefined) return "?";
  const abs = Math.abs(value);
  return value.toLocaleString("en", { maximumFractionDigits: abs < 10 ? 2 : 0 });
}

function range(r) {
  if (!r) return "not known";
  if (r.low === r.high) return number(r.central);
  return `${number(r.central)} (${number(r.low)} to ${number(r.high)})`;
}

/* ---------- the API ---------- */

async function api(path, params, init) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== "" && value !== null && value !== undefined) url.searchParams.set(key, value);
  }
  const response = await fetch(url, init);
  const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function failure(target, error) {
  target.replaceChildren(el("p", { class: "error" }, `Could not load: ${error.message}`));
}

/* ---------- filters ---------- */

function monthsBetween(first, last) {
  const out = [];
  if (!first || !last) return out;
  let [y, m] = first.slice(0, 7).split("-").map(Number);
  const [ly, lm] = last.slice(0, 7).split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

function filters() {
  const from = Number($("#f-from").value), to = Number($("#f-to").value);
  const lo = Math.min(from, to), hi = Math.max(from, to);
  const whole = lo === 0 && hi === state.months.length - 1;
  return {
    since: whole ? "" : state.months[lo] || "",
    until: whole ? "" : state.months[hi] || "",
    party: $("#f-party").value, type: $("#f-type").value,
    commodity: $("#f-commodity").value, modality: $("#f-modality").value,
    width: $("#f-width").value,
  };
}

function periodLabel() {
  const f = filters();
  $("#period-label").textContent = f.since ? `${f.since} to ${f.until}` : "all dates";
}

function options(select, values, label) {
  fill(select, values.map((v) => el("option", { value: v }, label ? label(v) : words(v))));
}

function setupFilters(facets, actors) {
  state.months = monthsBetween(facets.first, facets.last);
  for (const id of ["#f-from", "#f-to"]) {
    const input = $(id);
    input.max = Math.max(state.months.length - 1, 0);
    input.addEventListener("input", periodLabel);
    input.addEventListener("change", refresh);
  }
  $("#f-to").value = $("#f-to").max;
  periodLabel();
  options($("#f-type"), facets.types);
  options($("#f-commodity"), facets.commodities);
  options($("#f-modality"), facets.modalities);
  for (const select of document.querySelectorAll(".commodity-select")) {
    options(select, facets.commodities);
    if (facets.commodities.includes("artillery_ammunition")) select.value = "artillery_ammunition";
  }
  const label = (a) => a.name || a.id || "";
  const sorted = [...actors].sort((a, b) => label(a).localeCompare(label(b)));
  options($("#f-party"), sorted.map((a) => a.id), (id) => `${nameOf(id)} (${id})`);
  fill($("#party-list"), sorted.map((a) => el("option", { value: a.id }, a.name)));
  for (const id of ["#f-party", "#f-type", "#f-commodity", "#f-modality", "#f-width"]) {
    $(id).addEventListener("change", refresh);
  }
  $("#f-reset").addEventListener("click", () => {
    for (const id of ["#f-party", "#f-type", "#f-commodity", "#f-modality"]) $(id).value = "";
    $("#f-from").value = 0;
    $("#f-to").value = $("#f-to").max;
    periodLabel();
    refresh();
  });
}

function legend() {
  const used = new Set((state.graph ? state.graph.edges : []).map((e) => e.type));
  const items = Object.keys(TYPE_COLOURS).filter((t) => used.has(t));
  $("#legend").replaceChildren(...items.map((t) => el("li", {},
    sv("svg", { width: 22, height: 10, "aria-hidden": "true" },
      sv("line", { x1: 0, y1: 5, x2: 22, y2: 5, stroke: colour(t), "stroke-width": 4 })),
    ` ${t}${t === "AID" ? " (material flow)" : ""}`)));
}

/* ---------- the network: a seeded force layout, positions kept by node id ---------- */

function seededRandom(text) {
  let h = 2166136261;
  for (const ch of text) { h ^= ch.codePointAt(0); h = Math.imul(h, 16777619); }
  return () => {
    h = (h + 0x6D2B79F5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* Fruchterman-Reingold over the nodes not placed yet; placed nodes stay where they are, so a
   filter never moves what the analyst has already seen. */
function layout(graph) {
  const nodes = graph.nodes.map((n) => n.id);
  const fresh = nodes.filter((id) => !state.positions.has(id));
  if (!fresh.length) return;
  const pos = new Map(nodes.map((id) => {
    const rand = seededRandom(id);
    const p = state.positions.get(id) || {
      x: BOX.margin + rand() * (BOX.w - 2 * BOX.margin),
      y: BOX.margin + rand() * (BOX.h - 2 * BOX.margin) };
    return [id, { ...p }];
  }));
  const movable = new Set(fresh);
  const links = [...new Set(graph.edges.map((e) => [e.source, e.target].sort().join("\u0000")))]
    .map((k) => k.split("\u0000"));
  const k = 0.8 * Math.sqrt((BOX.w * BOX.h) / Math.max(nodes.length, 1));
  let heat = BOX.w / 6;
  for (let step = 0; step < 400; step += 1) {
    const push = new Map(nodes.map((id) => [id, { x: 0, y: 0 }]));
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const a = pos.get(nodes[i]), b = pos.get(nodes[j]);
        const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 0.01);
        const f = (k * k) / d;
        push.get(nodes[i]).x += (dx / d) * f; push.get(nodes[i]).y += (dy / d) * f;
        push.get(nodes[j]).x -= (dx / d) * f; push.get(nodes[j]).y -= (dy / d) * f;
      }
    }
    for (const [s, t] of links) {
      const a = pos.get(s), b = pos.get(t);
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = (d * d) / k;
      push.get(s).x -= (dx / d) * f; push.get(s).y -= (dy / d) * f;
      push.get(t).x += (dx / d) * f; push.get(t).y += (dy / d) * f;
    }
    for (const id of movable) {
      const p = pos.get(id), v = push.get(id);
      v.x += (BOX.w / 2 - p.x) * 0.25 * Math.sqrt(nodes.length);
      v.y += (BOX.h / 2 - p.y) * 0.25 * Math.sqrt(nodes.length);
      const d = Math.max(Math.hypot(v.x, v.y), 0.01), move = Math.min(d, heat);
      p.x = Math.min(BOX.w - BOX.margin, Math.max(BOX.margin, p.x + (v.x / d) * move));
      p.y = Math.min(BOX.h - BOX.margin, Math.max(BOX.margin, p.y + (v.y / d) * move));
    }
    heat = Math.max(heat * 0.98, 0.5);
  }
  for (const id of fresh) state.positions.set(id, pos.get(id));
}

function radius(node) { return Math.min(9 + 2.2 * Math.sqrt(node.records), 30); }

function edgeWidth(edge, by) {
  if (by === "largest") {
    return edge.largest ? Math.min(1.5 + 1.6 * Math.log10(1 + edge.largest), 14) : 1.5;
  }
  return Math.min(1.5 + 1.8 * Math.sqrt(edge.records), 14);
}

function edgePath(edge, offset, sizes) {
  const a = state.positions.get(edge.source), b = state.positions.get(edge.target);
  const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
  // the normal of the pair's canonical direction, so that A->B and B->A bend apart
  const flip = edge.source < edge.target ? 1 : -1;
  const nx = (-dy / d) * flip, ny = (dx / d) * flip;
  const cx = (a.x + b.x) / 2 + nx * offset * 2, cy = (a.y + b.y) / 2 + ny * offset * 2;
  const ex = b.x - cx, ey = b.y - cy, ed = Math.max(Math.hypot(ex, ey), 1);
  const end = sizes.get(edge.target) + 3;
  const sx = cx - a.x, sy = cy - a.y, sd = Math.max(Math.hypot(sx, sy), 1);
  const start = sizes.get(edge.source);
  const x1 = a.x + (sx / sd) * start, y1 = a.y + (sy / sd) * start;
  const x2 = b.x - (ex / ed) * end, y2 = b.y - (ey / ed) * end;
  return `M${x1.toFixed(1)},${y1.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
}

function offsets(edges) {
  const pairs = new Map();
  for (const e of edges) {
    const key = [e.source, e.target].sort().join("\u0000");
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(e);
  }
  const out = new Map();
  for (const list of pairs.values()) {
    list.forEach((e, i) => out.set(e, (i - (list.length - 1) / 2) * 24));
  }
  return out;
}

function viewBox() {
  const all = [...state.positions.values()];
  if (!all.length) return `0 0 ${BOX.w} ${BOX.h}`;
  const xs = all.map((p) => p.x), ys = all.map((p) => p.y), pad = 60;
  const x0 = Math.min(...xs) - pad, y0 = Math.min(...ys) - pad;
  return `${x0} ${y0} ${Math.max(...xs) - x0 + pad} ${Math.max(...ys) - y0 + pad}`;
}

function arrowMarkers(types) {
  return sv("defs", {}, [...types].map((t) => sv("marker", {
    id: `arrow-${t}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 11,
    markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto" },
  sv("path", { d: "M0,0 L10,5 L0,10 z", fill: colour(t) }))));
}

function describeEdge(e) {
  const commodities = (e.commodities || []).map(words).join(", ");
  return `${nameOf(e.source)} to ${nameOf(e.target)}: ${e.type}` +
    `${e.modes && e.modes.length ? ` (${e.modes.join(", ")})` : ""}, ` +
    `${e.records} claim(s) in ${e.documents} document(s)` +
    `${commodities ? `; ${commodities}` : ""}`;
}

function drawEdge(e, offset, sizes, by) {
  const d = edgePath(e, offset, sizes);
  const g = sv("g", {
    class: `edge${e.factual ? "" : " nonfactual"}`, tabindex: 0, role: "button",
    "data-source": e.source, "data-target": e.target, "data-type": e.type,
    "aria-label": describeEdge(e),
    onclick: () => showEdge(e), onkeydown: (ev) => { if (ev.key === "Enter") showEdge(e); } },
  sv("title", {}, describeEdge(e)),
  sv("path", { class: "hit", d, fill: "none", stroke: "transparent", "stroke-width": 16 }),
  sv("path", { class: "line", d, fill: "none", stroke: colour(e.type),
    "stroke-width": edgeWidth(e, by).toFixed(1), "marker-end": `url(#arrow-${e.type})` }));
  if (state.selected && state.selected.kind === "edge" && state.selected.key === edgeKey(e)) {
    g.classList.add("selected");
  }
  return g;
}

function drawNode(n, sizes) {
  const p = state.positions.get(n.id);
  return sv("g", {
    class: "node", tabindex: 0, role: "button", "data-id": n.id,
    transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`,
    "aria-label": `${n.name} (${n.id}): ${n.records} claim(s)`,
    onclick: () => showParty(n.id), onkeydown: (ev) => { if (ev.key === "Enter") showParty(n.id); } },
  sv("title", {}, `${n.name} (${n.id}): ${n.records} claim(s)`),
  sv("circle", { r: sizes.get(n.id) }),
  sv("text", { class: "label", y: sizes.get(n.id) + 14, "text-anchor": "middle" }, n.name),
  sv("text", { class: "code", y: 4, "text-anchor": "middle" }, n.id));
}

function edgeKey(e) { return `${e.source}|${e.target}|${e.type}`; }

function drawGraph(graph) {
  const svg = $("#graph");
  const by = $("#f-width").value;
  const sizes = new Map(graph.nodes.map((n) => [n.id, radius(n)]));
  const bends = offsets(graph.edges);
  svg.setAttribute("viewBox", viewBox());
  put(svg,
    arrowMarkers(new Set(graph.edges.map((e) => e.type))),
    sv("g", { class: "edges" }, graph.edges.map((e) => drawEdge(e, bends.get(e), sizes, by))),
    sv("g", { class: "nodes" }, graph.nodes.map((n) => drawNode(n, sizes))));
  const claims = graph.edges.reduce((sum, e) => sum + e.records, 0);
  const cut = graph.total_edges > graph.edges.length
    ? ` The ${graph.edges.length} with the most claims of ${graph.total_edges} relations (${graph.total_records} claims): narrow the filters to see the others.` : "";
  $("#graph-status").textContent = graph.edges.length
    ? `${graph.nodes.length} actors, ${graph.edges.length} relations, ${claims} claims shown.${cut}`
    : "No relations match these filters.";
  legend();
}

/* The graph draws the relations with the most claims: a drawing of thousands helps no one,
   and the answer's size stays bounded however large the store. */
const GRAPH_EDGES = 200;

async function loadGraph() {
  const f = filters();
  if (!state.positions.size) layout(await api("/api/relations", { limit: GRAPH_EDGES }));
  const graph = await api("/api/relations", {
    party: f.party, type: f.type, commodity: f.commodity, modality: f.modality,
    since: f.since, until: f.until, limit: GRAPH_EDGES });
  for (const n of graph.nodes) state.names.set(n.id, n.name);
  layout(graph);
  state.graph = graph;
  drawGraph(graph);
}

/* ---------- evidence panel ---------- */

function detail(title, ...intro) {
  const panel = $("#detail");
  put(panel, el("h2", {}, title), intro);
  panel.scrollTop = 0;
  return panel;
}

function section(panel, title) {
  const body = el("div", { class: "loading" }, "loading...");
  panel.append(el("section", { class: "block" }, el("h3", {}, title), body));
  return body;
}

function docButton(doc) {
  return el("button", { type: "button", class: "link", "data-doc": doc.doc_id,
    onclick: () => showDocument(doc.doc_id) }, doc.title || doc.doc_id);
}

function recordDate(r) {
  const d = r.date;
  if (d && d.status !== "unresolved" && (d.start || d.end)) {
    const span = d.end && d.end !== d.start ? `${d.start || "?"} to ${d.end}` : d.start;
    return `about ${span}`;
  }
  return "";
}

function claimCard(r) {
  const doc = r.document || { doc_id: r.doc_id };
  const q = r.quantity, a = r.attribution, ctx = r.context || { before: "", after: "" };
  const figure = q && q.text ? `${q.text}${q.status ? ` (${q.status.replaceAll("_", " ")})` : ""}` : null;
  return el("article", { class: "claim", "data-record": r.id },
    el("div", { class: "chips" },
      el("span", { class: "chip type", "data-type": r.type }, `${r.type}${r.mode ? `: ${r.mode}` : ""}`),
      el("span", { class: `chip modality m-${r.modality}`, title: "How the text puts it" }, r.modality),
      r.what && el("span", { class: "chip" }, words(r.what.category)),
      figure && el("span", { class: "chip figure" }, figure)),
    el("p", { class: "context" },
      ctx.before ? el("span", { class: "around" }, `...${ctx.before}`) : null,
      el("mark", {}, r.evidence.text),
      ctx.after ? el("span", { class: "around" }, `${ctx.after}...`) : null),
    el("p", { class: "meta" },
      el("span", { class: "attribution" }, "Said by: ",
        a ? `${a.text}${a.code && a.code !== a.text ? ` (${a.code})` : ""}` : "the outlet itself"),
      el("span", {}, "Source: ", doc.source || "unknown outlet", " · ", docButton(doc),
        r.evidence.page ? el("span", { class: "page" }, ` · page ${r.evidence.page}`) : null),
      el("span", {}, "Published: ", doc.date || "undated", recordDate(r) ? ` · refers to ${recordDate(r)}` : "")));
}

/* A page of /api/events as cards; when `query` (the page's parameters) is given and more
   match, a button fetches the next page by its cursor, so a long list costs one page a click. */
function claimList(target, body, query) {
  target.className = "claims";
  target.replaceChildren(...body.items.map(claimCard));
  if (!body.items.length) target.append(el("p", { class: "muted" }, "No claims match the filters."));
  morePages(target, body, query, body.items.length);
}

function morePages(target, body, query, shown) {
  if (body.total <= shown) return;
  const note = `Showing ${shown} of ${body.total}.`;
  if (!query || !body.next_cursor) {
    target.append(el("p", { class: "muted small" }, note));
    return;
  }
  const button = el("button", { type: "button", class: "link more-claims" }, `${note} Show more`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const next = await api("/api/events", { ...query, cursor: body.next_cursor });
      button.replaceWith(...next.items.map(claimCard));
      morePages(target, next, query, shown + next.items.length);
    } catch (err) { button.replaceWith(el("p", { class: "error" }, `Could not load: ${err.message}`)); }
  });
  target.append(button);
}

function evidenceFilters() {
  const f = filters();
  return { commodity: f.commodity, modality: f.modality, since: f.since, until: f.until };
}

async function showEdge(e) {
  state.selected = { kind: "edge", key: edgeKey(e) };
  for (const g of document.querySelectorAll("#graph .edge")) {
    g.classList.toggle("selected", `${g.dataset.source}|${g.dataset.target}|${g.dataset.type}` === edgeKey(e));
  }
  const panel = detail(`${nameOf(e.source)} → ${nameOf(e.target)}`,
    el("p", { class: "subtitle" }, el("span", { class: "chip type", "data-type": e.type }, e.type),
      ` ${e.records} claim(s) in ${e.documents} document(s), ${e.first || "?"} to ${e.last || "?"}`),
    (e.commodities || []).length ? el("p", { class: "small" }, "Commodities: ", e.commodities.map(words).join(", ")) : null);
  if (e.type === "AID") {
    const figures = section(panel, "Figures reported, side by side");
    api("/api/flows", { supplier: e.source, recipient: e.target, what: $("#f-commodity").value, evidence: 0 })
      .then((body) => showFigures(figures, e, body.items)).catch((err) => failure(figures, err));
  }
  const claims = section(panel, "The claims and their sentences");
  try {
    const query = { actor: e.source, recipient: e.target, type: e.type, ...evidenceFilters(),
      context: 240, limit: 100 };
    claimList(claims, await api("/api/events", query), query);
  } catch (err) { failure(claims, err); }
}

function claimsByCommodity(flows) {
  const groups = new Map();
  for (const flow of flows) {
    const key = `${flow.commodity}|${flow.unit}`;
    if (!groups.has(key)) groups.set(key, { commodity: flow.commodity, unit: flow.unit, claims: new Map() });
    for (const c of flow.claims) if (c.kind !== "mention") groups.get(key).claims.set(c.id, c);
  }
  return [...groups.values()].filter((g) => g.claims.size).sort((a, b) => b.claims.size - a.claims.size);
}

function claimFigure(c) {
  if (c.value !== null) return number(c.value);
  if (c.low !== null && c.high !== null) return `${number(c.low)} to ${number(c.high)}`;
  return c.low !== null ? `at least ${number(c.low)}` : `up to ${number(c.high)}`;
}

function sourceItem(s) {
  return el("li", {},
    `${s.attribution || s.outlet || "the outlet"} (${s.modality}, ${s.published || "undated"}): `,
    el("q", {}, s.quantity || s.evidence));
}

/* A claim's sources come a page at a time, on demand: an answer's size does not grow with
   the number of documents that repeat a figure. */
function sourceList(c) {
  const total = c.source_count ?? c.sources.length;
  const list = el("ul", { class: "sources small" }, c.sources.map(sourceItem));
  let shown = c.sources.length;
  let cursor = shown ? c.sources[shown - 1].record_id : null;
  if (shown >= total) return list;
  const more = el("button", { type: "button", class: "more-sources" });
  const label = () => { more.textContent = `Show ${shown ? "more " : ""}sources (${total - shown} of ${total})`; };
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const page = await api(`/api/claims/${encodeURIComponent(c.id)}/sources`, { limit: 20, cursor });
      list.append(...page.items.map(sourceItem));
      shown += page.items.length;
      cursor = page.next_cursor;
      if (cursor) { label(); more.disabled = false; } else more.remove();
    } catch (err) { failure(list, err); }
  });
  label();
  return el("div", {}, list, more);
}

function figureCard(c, unit) {
  return el("div", { class: `figure-card${c.counted ? "" : " not-counted"}` },
    el("div", { class: "big" }, claimFigure(c), " ", el("span", { class: "unit" }, unit || "")),
    el("div", { class: "small" }, `${c.kind}${c.per ? ` per ${c.per}` : ""}, ${c.start || "?"} to ${c.end || "?"}`),
    el("div", { class: "small" }, `${c.independent} independent source(s)`,
      c.counted ? "" : " · not counted", c.superseded_by ? " · superseded by a later total" : ""),
    c.note ? el("div", { class: "small muted" }, c.note) : null,
    sourceList(c));
}

function latestYear(claims) {
  const years = claims.map((c) => (c.end || c.start || "").slice(0, 4)).filter(Boolean).sort();
  return years.length ? years[years.length - 1] : String(new Date().getFullYear());
}

function showFigures(target, edge, flows) {
  const groups = claimsByCommodity(flows);
  target.className = "figures";
  target.replaceChildren();
  if (!groups.length) target.append(el("p", { class: "muted" }, "No figures reported for this flow."));
  for (const g of groups) {
    const claims = [...g.claims.values()];
    const period = latestYear(claims);
    target.append(el("div", { class: "figure-group" },
      el("h4", {}, `${words(g.commodity)} in ${g.unit || "no unit"}`,
        claims.length > 1 ? el("span", { class: "chip conflict" }, `${claims.length} different figures`) : null),
      el("div", { class: "side-by-side" }, claims.map((c) => figureCard(c, g.unit))),
      el("button", { type: "button", class: "whatif-button primary",
        onclick: () => whatIfStops(edge.source, edge.target, g.commodity, period) },
      `What if ${nameOf(edge.source)} stops? (${words(g.commodity)} to ${nameOf(edge.target)}, ${period})`)));
  }
}

async function showParty(id) {
  state.selected = { kind: "node", key: id };
  const panel = detail(`${nameOf(id)} (${id})`);
  const f = evidenceFilters();
  for (const [side, title] of [["actor", "As actor"], ["recipient", "As recipient"]]) {
    const target = section(panel, title);
    const query = { [side]: id, type: $("#f-type").value, ...f, context: 160, limit: 50 };
    api("/api/events", query)
      .then((body) => claimList(target, body, query)).catch((err) => failure(target, err));
  }
}

async function showRecord(r) {
  const panel = detail("One claim");
  const target = section(panel, `${r.type} ${r.actor ? `by ${nameOf(r.actor.country || r.actor.code || "?")}` : ""}`);
  try {
    const body = await api("/api/events", { doc_id: r.doc_id, context: 240, limit: 1000 });
    claimList(target, { items: body.items.filter((x) => x.id === r.id), total: 1 });
  } catch (err) { failure(target, err); }
}

function markedText(text, spans) {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at || s.end > text.length) continue;
    out.push(text.slice(at, s.start));
    out.push(el("mark", { title: `${s.type} (${s.modality})`, "data-record": s.record_id },
      text.slice(s.start, s.end)));
    at = s.end;
  }
  out.push(text.slice(at));
  return out;
}

function safeLink(url) {
  return /^https?:\/\//i.test(url || "")
    ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, url) : url;
}

async function showDocument(id) {
  const panel = detail("Document");
  const body = section(panel, "loading");
  try {
    const data = await api(`/api/documents/${encodeURIComponent(id)}`);
    const d = data.document;
    panel.querySelector(".block h3").textContent = d.title || d.id;
    body.className = "document";
    put(body,
      el("p", { class: "meta" }, `${d.source || "unknown outlet"} · ${d.date || "undated"} · `,
        d.url ? safeLink(d.url) : d.id),
      el("p", { class: "small muted" }, `${data.spans.length} evidence sentence(s) marked.`),
      el("div", { class: "doc-text" }, markedText(d.text, data.spans)));
  } catch (err) { failure(body, err); }
}

/* ---------- timeline ---------- */

function recordDay(r) {
  const d = r.date;
  if (d && d.status !== "unresolved" && d.start) return d.start;
  return r.document && r.document.date ? r.document.date : null;
}

function dayNumber(text) { return Date.parse(`${text.slice(0, 10)}T00:00:00Z`) / 864e5; }

async function loadTimeline() {
  const f = filters();
  const svg = $("#timeline");
  try {
    const body = await api("/api/events", { actor: f.party, type: f.type, commodity: f.commodity,
      modality: f.modality, since: f.since, until: f.until, limit: 1000 });
    drawTimeline(svg, body.items);
    $("#timeline-status").textContent = `${body.items.length} of ${body.total} records placed by date`
      + (f.party ? ` (${nameOf(f.party)} as actor)` : "") + ".";
  } catch (err) { $("#timeline-status").textContent = `Could not load: ${err.message}`; }
}

function drawTimeline(svg, items) {
  const dated = items.map((r) => [r, recordDay(r)]).filter(([, d]) => d && !Number.isNaN(dayNumber(d)));
  const lanes = [...new Set(dated.map(([r]) => r.type))].sort((a, b) =>
    (a === "AID" ? -1 : b === "AID" ? 1 : a.localeCompare(b)));
  const height = Math.max(80, 30 + lanes.length * 22), left = 110, right = 1180;
  svg.setAttribute("viewBox", `0 0 1200 ${height}`);
  svg.replaceChildren();
  if (!dated.length) { svg.append(sv("text", { x: 20, y: 40 }, "No dated records match the filters.")); return; }
  // a few old background facts ("since 2010") would squeeze the rest against the right edge:
  // the axis starts a year before the 5th percentile and earlier dots sit at its left end
  const days = dated.map(([, d]) => dayNumber(d)).sort((a, b) => a - b);
  const lo = Math.max(days[0], days[Math.floor(days.length * 0.05)] - 365) - 15;
  const hi = days[days.length - 1] + 15;
  const x = (d) => left + ((Math.max(dayNumber(d), lo) - lo) / (hi - lo)) * (right - left);
  if (days[0] < lo) svg.append(sv("text", { class: "tick-label", x: left - 4, y: height - 6 }, "earlier"));
  const y = (t) => 20 + lanes.indexOf(t) * 22;
  const first = new Date(lo * 864e5).getUTCFullYear(), last = new Date(hi * 864e5).getUTCFullYear();
  for (let year = first; year <= last + 1; year += 1) {
    const px = x(`${year}-01-01`);
    if (px < left + 25 || px > right) continue;
    svg.append(sv("line", { class: "tick", x1: px, x2: px, y1: 8, y2: height - 18 }),
      sv("text", { class: "tick-label", x: px + 3, y: height - 6 }, String(year)));
  }
  for (const t of lanes) {
    svg.append(sv("text", { class: "lane", x: left - 8, y: y(t) + 4, "text-anchor": "end" }, t));
  }
  for (const [r, d] of dated) {
    const q = r.quantity && (r.quantity.value || r.quantity.high || r.quantity.low);
    const size = q ? Math.min(4 + Math.log10(1 + q), 11) : 4;
    const hollow = NON_FACTUAL.has(r.modality);
    svg.append(sv("circle", {
      class: "dot", cx: x(d).toFixed(1), cy: y(r.type), r: size.toFixed(1), "data-record": r.id,
      fill: hollow ? "#fff" : colour(r.type), stroke: colour(r.type), tabindex: 0,
      onclick: () => showRecord(r) },
    sv("title", {}, `${d.slice(0, 10)} ${r.type} (${r.modality}): ${r.evidence.text}`)));
  }
}

/* ---------- dependence ---------- */

function shareBar(share) {
  if (!share) return el("span", { class: "muted" }, "n/a");
  const bar = el("span", { class: "bar" });
  bar.style.width = `${Math.round(share.central * 100)}%`;
  return el("span", { class: "share" }, el("span", { class: "bar-track" }, bar),
    ` ${Math.round(share.central * 100)}% (${Math.round(share.low * 100)} to ${Math.round(share.high * 100)}%)`);
}

/* A figure computed from claims (shared out by days, a rate scaled) says so and by which rule. */
function derivedMark(estimate) {
  if (!estimate || !estimate.derived) return null;
  return el("span", { class: "chip derived", title: estimate.rules.join("; ") },
    estimate.rules.join("; "));
}

function termRow(term) {
  return el("tr", {},
    el("th", { scope: "row" }, term.role === "import" ? `imports from ${nameOf(term.name)}` : term.name),
    el("td", { class: "num" }, range(term.range), " ", derivedMark(term.estimate)),
    el("td", {}, shareBar(term.share)),
    el("td", {}, term.role === "import" ? shareBar(term.import_share) : ""),
    el("td", { class: "small" }, term.missing || `${term.claim_count ?? term.claims.length} claim(s)`));
}

function showDependence(target, dep) {
  put(target,
    el("h3", {}, `${nameOf(dep.recipient)}: ${words(dep.what)}, ${dep.period.label} (unit: ${dep.unit || "none"})`),
    el("table", { class: "terms" },
      el("thead", {}, el("tr", {}, ["Term", "Amount", "Share of supply", "Share of imports", "Evidence"]
        .map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, termRow(dep.production), dep.imports.map(termRow),
        el("tr", { class: "total" }, el("th", { scope: "row" }, "imports, total"),
          el("td", { class: "num" }, range(dep.imports_total)), el("td"), el("td"), el("td")),
        el("tr", { class: "total" }, el("th", { scope: "row" }, "supply, total"),
          el("td", { class: "num" }, range(dep.supply_total)), el("td"), el("td"), el("td")),
        termRow(dep.consumption))),
    el("p", {}, "Import concentration (HHI): ", dep.hhi === null ? "not computed" : number(dep.hhi),
      el("span", { class: "small muted" }, ` on ${dep.hhi_scale}`)),
    dep.missing.length ? el("div", { class: "missing" }, el("h4", {}, "Not known"),
      el("ul", {}, dep.missing.map((m) => el("li", {}, m)))) : null,
    dep.notes.length ? el("ul", { class: "small" }, dep.notes.map((n) => el("li", {}, n))) : null,
    el("p", { class: "small muted central-rule" }, `Central figures: ${dep.central_rule}`));
}

function setupDependence() {
  $("#dep-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = new FormData(ev.target), target = $("#dep-result");
    target.replaceChildren(el("p", { class: "loading" }, "loading..."));
    try {
      const dep = await api("/api/dependence", { recipient: form.get("recipient"),
        what: form.get("what"), period: form.get("period"),
        asserted_only: form.get("asserted_only") ? "true" : "" });
      showDependence(target, dep);
    } catch (err) { failure(target, err); }
  });
}

/* ---------- what-if ---------- */

const ACTIONS = {
  stop: "stop a supplier", scale: "scale a supplier by a factor", add: "add a supplier",
  bid: "a bidder takes supply away", production: "change production", consumption: "change consumption",
};

function changeRow(change = { action: "stop" }) {
  const li = el("li", { class: "change" });
  const action = el("select", { name: "action", "aria-label": "Action" },
    Object.entries(ACTIONS).map(([k, v]) => el("option", { value: k }, v)));
  action.value = change.action;
  const supplier = el("input", { name: "supplier", list: "party-list", size: 6, placeholder: "supplier", value: change.supplier || "" });
  const bidder = el("input", { name: "bidder", list: "party-list", size: 6, placeholder: "bidder", value: change.bidder || "" });
  const how = el("select", { name: "how", "aria-label": "How" },
    ["set", "add", "factor"].map((h) => el("option", { value: h }, h)));
  const value = el("input", { name: "value", size: 16, value: change.value || "",
    placeholder: "amount, or low..high" });
  const show = () => {
    const a = action.value;
    supplier.hidden = !["stop", "scale", "add", "bid"].includes(a);
    bidder.hidden = a !== "bid";
    how.hidden = !["production", "consumption"].includes(a);
    value.hidden = a === "stop";
    value.placeholder = a === "scale" ? "factor, e.g. 0.5" : "amount, or low..high";
  };
  action.addEventListener("change", show);
  show();
  fill(li, [action, supplier, bidder, how, value,
    el("button", { type: "button", class: "link", onclick: () => li.remove() }, "remove")]);
  return li;
}

function amount(text) {
  const parts = String(text).split("..").map((p) => Number(p.replaceAll(",", "").trim()));
  return parts.length === 2 ? parts : parts[0];
}

function readChange(li) {
  const get = (name) => li.querySelector(`[name=${name}]`).value.trim();
  const a = get("action"), out = { action: a };
  if (["stop", "scale", "add", "bid"].includes(a)) out.supplier = get("supplier");
  if (a === "bid") out.bidder = get("bidder");
  if (a === "scale") out.factor = amount(get("value"));
  if (a === "add" || a === "bid") out.capacity = amount(get("value"));
  if (a === "production" || a === "consumption") out[get("how")] = amount(get("value"));
  return out;
}

function scenario() {
  const form = new FormData($("#wi-form"));
  const out = { name: "web", recipient: form.get("recipient"), what: form.get("what"),
    period: form.get("period"), changes: [...document.querySelectorAll("#wi-changes li")].map(readChange) };
  if (String(form.get("production") || "").trim()) out.baseline = { production: amount(form.get("production")) };
  return out;
}

function balanceBars(result) {
  const rows = [["supply", result.before.supply, result.after.supply],
    ["consumption", result.before.consumption, result.after.consumption],
    ...Object.keys({ ...result.before.terms, ...result.after.terms })
      .filter((k) => k !== "consumption")
      .map((k) => [k.replace("import:", "imports from "), result.before.terms[k], result.after.terms[k]])];
  const max = Math.max(1, ...rows.flatMap(([, b, a]) => [b, a]).filter(Boolean).map((r) => r.high));
  const width = 760, left = 170, row = 34;
  const svg = sv("svg", { class: "bars", viewBox: `0 0 ${width + 20} ${rows.length * row + 30}`, role: "img",
    "aria-label": "Balance before and after" });
  rows.forEach(([label, before, after], i) => {
    const y = 10 + i * row;
    svg.append(sv("text", { x: left - 8, y: y + 14, "text-anchor": "end", class: "lane" }, label));
    [[before, "before", 0], [after, "after", 13]].forEach(([r, cls, dy]) => {
      if (!r) { svg.append(sv("text", { x: left + 4, y: y + dy + 10, class: "tick-label" }, `${cls}: not known`)); return; }
      const scale = (v) => left + (Math.max(v, 0) / max) * (width - left);
      svg.append(sv("rect", { class: `bar-${cls}`, x: left, y: y + dy, height: 11,
        width: Math.max(scale(r.central) - left, 1).toFixed(1) },
      sv("title", {}, `${label} ${cls}: ${range(r)}`)));
      svg.append(sv("line", { class: "whisker", x1: scale(r.low), x2: scale(r.high), y1: y + dy + 5.5, y2: y + dy + 5.5 }));
    });
  });
  svg.append(sv("text", { x: left, y: rows.length * row + 24, class: "tick-label" },
    "grey: before, red: after; whiskers: low to high"));
  return svg;
}

function balanceTable(result) {
  const line = (label, key) => el("tr", {}, el("th", { scope: "row" }, label),
    el("td", { class: "num" }, range(result.before[key])), el("td", { class: "num" }, range(result.after[key])));
  return el("table", { class: "terms balance" },
    el("thead", {}, el("tr", {}, ["", "Before", "After"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, line("Supply", "supply"), line("Consumption", "consumption"),
      line("Balance (supply minus consumption)", "balance"), line("Shortfall", "shortfall")));
}

function showWhatIf(target, result) {
  const unit = result.unit || "";
  put(target,
    el("h3", {}, `${nameOf(result.scenario.recipient)}: ${words(result.scenario.what)}, ${result.scenario.period} (${unit || "no unit"})`),
    el("p", { class: "headline" }, "Change in supply: ", el("strong", {}, range(result.supply_change)), ` ${unit}`,
      " · change in the balance: ", el("strong", {}, range(result.balance_change)), ` ${unit}`),
    balanceTable(result), balanceBars(result),
    result.missing.length ? el("div", { class: "missing" }, el("h4", {}, "Not known, so not computed"),
      el("ul", {}, result.missing.map((m) => el("li", {}, m))),
      el("p", { class: "small" }, "Enter a production figure above to complete the balance.")) : null,
    el("details", {}, el("summary", {}, "What the numbers rest on"),
      el("ul", { class: "small" }, result.inputs.map((i) =>
        el("li", {}, `${i.name} (${i.origin}): ${range(i.value)}${i.note ? `; ${i.note}` : ""}`)))));
}

async function runWhatIf() {
  const target = $("#wi-result");
  target.replaceChildren(el("p", { class: "loading" }, "running..."));
  try {
    const result = await api("/api/whatif", {}, { method: "POST",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(scenario()) });
    showWhatIf(target, result);
  } catch (err) { failure(target, err); }
}

function whatIfStops(supplier, recipient, what, period) {
  const form = $("#wi-form");
  form.elements.recipient.value = recipient;
  if ([...form.elements.what.options].some((o) => o.value === what)) form.elements.what.value = what;
  form.elements.period.value = period;
  $("#wi-changes").replaceChildren(changeRow({ action: "stop", supplier }));
  selectTab("whatif");
  $("#tab-whatif").scrollIntoView({ block: "start" });
  return runWhatIf();
}

function setupWhatIf() {
  $("#wi-changes").append(changeRow({ action: "stop", supplier: "PRK" }));
  $("#wi-add").addEventListener("click", () => $("#wi-changes").append(changeRow()));
  $("#wi-form").addEventListener("submit", (ev) => { ev.preventDefault(); runWhatIf(); });
  $("#wi-preset").addEventListener("click", () => whatIfStops("PRK", "RUS", "artillery_ammunition", "2024"));
}

/* ---------- documents ---------- */

async function loadDocuments(more = false) {
  state.docOffset = more ? state.docOffset + 50 : 0;
  const list = $("#doc-list");
  try {
    const body = await api("/api/documents", { q: state.docQuery, limit: 50, offset: state.docOffset });
    if (!more) list.replaceChildren();
    fill(list, body.items.map((d) => el("li", {},
      docButton({ doc_id: d.id, title: d.title }),
      el("span", { class: "small muted" }, ` ${d.date || "undated"} · ${d.source || "unknown outlet"} · ${d.records} record(s)`))));
    $("#doc-more").hidden = state.docOffset + body.items.length >= body.total;
  } catch (err) { failure(list, err); }
}

function setupDocuments() {
  $("#doc-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.docQuery = new FormData(ev.target).get("q");
    loadDocuments();
  });
  $("#doc-more").addEventListener("click", () => loadDocuments(true));
}

/* ---------- tabs and start ---------- */

function selectTab(name) {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
    $(`#tab-${tab.dataset.tab}`).hidden = tab.dataset.tab !== name;
  }
  if (name === "map") showMap();
}

async function refresh() {
  document.body.dataset.ready = "loading";
  try {
    await Promise.all([loadGraph(), loadTimeline(), loadMap()]);
  } catch (err) {
    $("#graph-status").textContent = `Could not load the network: ${err.message}`;
  }
  document.body.dataset.ready = "yes";
}

async function start() {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => selectTab(tab.dataset.tab));
  }
  setupDependence();
  setupWhatIf();
  setupDocuments();
  try {
    const [health, facets, actors] = await Promise.all([
      api("/api/health"), api("/api/facets"), api("/api/actors")]);
    for (const a of actors.items) state.names.set(a.id, a.name);
    $("#store-info").textContent = `${health.store}: ${health.counts.documents} documents, ` +
      `${health.counts.records} records` + (health.counts.rejected ? `, ${health.counts.rejected} rejected inputs` : "");
    state.facets = facets;
    setupFilters(facets, actors.items);
  } catch (err) {
    $("#store-info").textContent = `Could not read the store: ${err.message}`;
  }
  loadDocuments();
  await refresh();
}

document.addEventListener("DOMContentLoaded", start);
