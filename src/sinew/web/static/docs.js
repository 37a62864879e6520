"use strict";
/* A small renderer of /openapi.json: every operation with its parameters and constraints,
   and a form to try GET operations. Text from the schema enters the page as text only. */

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function typeOf(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
  if (schema.$ref) return schema.$ref.split("/").pop();
  return schema.type || "";
}

function constraints(schema) {
  const out = [];
  const walk = (s) => {
    if (!s) return;
    (s.anyOf || []).forEach(walk);
    for (const [key, label] of [["minimum", ">="], ["maximum", "<="], ["minLength", "min length"],
      ["maxLength", "max length"], ["pattern", "pattern"]]) {
      if (s[key] !== undefined) out.push(`${label} ${s[key]}`);
    }
  };
  walk(schema);
  if (schema && schema.default !== undefined && schema.default !== null) out.push(`default ${JSON.stringify(schema.default)}`);
  return out.join(", ");
}

function paramTable(params) {
  if (!params.length) return h("p", { class: "small muted" }, "No parameters.");
  return h("table", { class: "params" },
    h("thead", {}, h("tr", {}, ["name", "in", "type", "constraints", "description"].map((t) => h("th", {}, t)))),
    h("tbody", {}, params.map((p) => h("tr", {},
      h("td", {}, h("code", {}, p.name), p.required ? " *" : ""), h("td", {}, p.in),
      h("td", {}, typeOf(p.schema)), h("td", {}, constraints(p.schema)),
      h("td", {}, p.description || (p.schema && p.schema.description) || "")))));
}

function tryForm(path, params) {
  const output = h("pre", { class: "response", hidden: true });
  const inputs = params.map((p) => h("label", {}, `${p.name} `, h("input", { name: p.name, "data-in": p.in, size: 12 })));
  const run = async () => {
    let url = path;
    const query = new URLSearchParams();
    for (const label of inputs) {
      const input = label.querySelector("input");
      if (!input.value) continue;
      if (input.dataset.in === "path") url = url.replace(`{${input.name}}`, encodeURIComponent(input.value));
      else query.set(input.name, input.value);
    }
    const response = await fetch(`${url}${query.toString() ? `?${query}` : ""}`);
    const text = await response.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (err) { /* not JSON */ }
    output.hidden = false;
    output.textContent = `HTTP ${response.status}\n${shown}`;
  };
  return h("div", {}, h("div", { class: "try" }, inputs, h("button", { type: "button", onclick: run }, "Try it")), output);
}

function operation(path, method, op) {
  const params = op.parameters || [];
  const body = op.requestBody ? Object.values(op.requestBody.content || {})[0] : null;
  const example = body && body.schema && body.schema.examples ? body.schema.examples[0] : null;
  return h("section", { class: "op", id: `${method}-${path}` },
    h("h3", {}, h("span", { class: `method ${method}` }, method.toUpperCase()), path),
    h("p", {}, op.summary || ""),
    op.description ? h("p", { class: "small muted" }, op.description) : null,
    paramTable(params),
    body ? h("div", {}, h("p", { class: "small" }, "Request body: JSON."),
      example ? h("pre", { class: "response" }, JSON.stringify(example, null, 2)) : null) : null,
    h("p", { class: "small muted" }, "Responses: ", Object.keys(op.responses || {}).join(", ")),
    method === "get" ? tryForm(path, params) : null);
}

async function render() {
  const root = document.getElementById("api");
  try {
    const spec = await (await fetch("/openapi.json")).json();
    const ops = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) ops.push(operation(path, method, op));
    }
    root.replaceChildren(h("h2", {}, `${spec.info.title} ${spec.info.version}`),
      h("p", {}, spec.info.description || ""), ...ops);
  } catch (err) {
    root.replaceChildren(h("p", { class: "error" }, `Could not load /openapi.json: ${err.message}`));
  }
}

document.addEventListener("DOMContentLoaded", render);
