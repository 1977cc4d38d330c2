#include <boost/json/serialize.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"
#include "http/openapi.hpp"

namespace gatepass::http {

namespace {
namespace json = boost::json;

// /api/docs: a self-contained try-it-out page (no CDN, no external assets: works offline). It reads
// /api/openapi.json and shows the operations grouped by tag (method, path, summary, x-roles); an
// operation opens to its parameters as inputs, a JSON body pre-filled with the documented example,
// its responses with their schemas ($ref resolved), and a Send button that calls it with the bearer
// token (typed in, or got from the login form; kept in sessionStorage). Plain JS, no framework.
constexpr const char* kDocsPage = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Gatepass API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:1040px;margin:1.5rem auto;padding:0 1rem;color:#111;background:#fff}
h1{margin:.2rem 0}h2{margin:1.6rem 0 .4rem;border-bottom:1px solid #ddd}
code,pre,textarea,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
code{background:#f3f3f3;padding:0 .3rem;border-radius:4px}
pre{background:#16181d;color:#e8e8e8;padding:.6rem .8rem;overflow:auto;border-radius:6px;max-height:32rem;margin:.3rem 0}
fieldset{border:1px solid #ddd;border-radius:8px;margin:.8rem 0;padding:.5rem .9rem}
legend{font-weight:600;padding:0 .3rem}
label{display:block;margin:.35rem 0}label>span{display:block;font-size:13px;color:#333}
input,select,textarea{font:inherit;padding:.3rem .4rem;width:100%;box-sizing:border-box;border:1px solid #aaa;border-radius:5px}
textarea{min-height:8rem;resize:vertical}
input[aria-invalid=true]{border-color:#c00;outline-color:#c00}
button{font:inherit;padding:.3rem .9rem;border:1px solid #555;border-radius:5px;background:#f4f4f4;cursor:pointer}
button.primary{background:#0b5cad;color:#fff;border-color:#0b5cad}
button:focus-visible,summary:focus-visible,a:focus-visible{outline:3px solid #f90;outline-offset:2px}
.row{display:flex;gap:.6rem;align-items:flex-end;flex-wrap:wrap}.row>label{flex:1 1 12rem}
.op{border:1px solid #ddd;border-radius:8px;margin:.4rem 0}
.op>summary{padding:.45rem .7rem;cursor:pointer;display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
.op[open]>summary{border-bottom:1px solid #ddd;background:#fafafa}
.op>summary::before{content:"\25B8";color:#555}.op[open]>summary::before{content:"\25BE"}
.op-body{padding:.4rem .9rem .8rem}
.m{display:inline-block;min-width:4.2rem;font-weight:700;font-family:ui-monospace,monospace}
.GET{color:#087a55}.POST{color:#0b5cad}.PATCH{color:#9a5b00}.PUT{color:#6a3fb0}.DELETE{color:#b00020}
.roles{margin-left:auto;font-size:12px;color:#555}.sum{color:#222}
.muted{color:#555;font-size:13px}.err{color:#b00020}
.schema{font-family:ui-monospace,monospace;font-size:13px;line-height:1.45}
.schema details{margin-left:1.1rem}.schema summary{cursor:pointer;margin-left:-1.1rem}
.schema .p{margin-left:1.1rem}.schema .t{color:#0b5cad}.schema .d{color:#666;font-family:system-ui,sans-serif}
.resp>summary{cursor:pointer}.status{font-weight:700}
#ops:empty::after{content:"Loading /api/openapi.json…";color:#555}
</style></head>
<body>
<header><h1>Gatepass API</h1>
<p id="info" class="muted"></p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3). Errors are
<code>{"error":{"code","message","fields"}}</code>. Open an operation, fill in its parameters and press <b>Send</b>.</p></header>

<fieldset><legend>Authorization</legend>
<form id="login" class="row" autocomplete="on">
<label><span>Username</span><input id="login-user" name="username" autocomplete="username" required></label>
<label><span>Password</span><input id="login-pass" name="password" type="password" autocomplete="current-password" required></label>
<button type="submit" class="primary">Log in</button>
</form>
<div class="row">
<label><span>Bearer token (sent as <code>Authorization: Bearer …</code>; kept in this tab only)</span><input id="token" class="mono" autocomplete="off" spellcheck="false" placeholder="log in above, or paste an access_token"></label>
<button type="button" id="forget">Forget token</button>
</div>
<p id="auth-status" class="muted" role="status" aria-live="polite"></p>
</fieldset>

<label><span>Filter operations (path, summary, tag or role)</span><input id="filter" type="search"></label>
<main id="ops"></main>

<script>
"use strict";
const KEY = "gatepass.docs.token";
const $ = (sel, root = document) => root.querySelector(sel);
const tokenInput = $("#token"), authStatus = $("#auth-status");
let spec = null, opCount = 0;

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid);
  return e;
}

// ---- token: login form, manual paste, sessionStorage ----
tokenInput.value = sessionStorage.getItem(KEY) || "";
function setToken(t, note) {
  tokenInput.value = t;
  if (t) sessionStorage.setItem(KEY, t); else sessionStorage.removeItem(KEY);
  authStatus.textContent = note;
}
tokenInput.addEventListener("change", () => setToken(tokenInput.value.trim(), tokenInput.value.trim() ? "Token set." : "No token."));
$("#forget").addEventListener("click", () => setToken("", "Token forgotten."));
$("#login").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  authStatus.textContent = "Logging in…";
  try {
    const res = await fetch("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: $("#login-user").value, password: $("#login-pass").value }) });
    const body = await res.json().catch(() => null);
    if (!res.ok || !body || !body.access_token) {
      authStatus.textContent = `Login failed (${res.status}): ${body && body.error ? body.error.message : res.statusText}`;
      authStatus.className = "err";
      return;
    }
    authStatus.className = "muted";
    $("#login-pass").value = "";
    const who = body.user ? ` as ${body.user.username} (${body.user.role})` : "";
    setToken(body.access_token, `Logged in${who}; the token is filled in below.`);
  } catch (e) {
    authStatus.textContent = "Login failed: " + e.message;
    authStatus.className = "err";
  }
});

// ---- $ref resolution and readable schemas ----
function resolve(node) {
  for (let i = 0; node && typeof node.$ref === "string" && i < 32; i++)
    node = node.$ref.replace(/^#\//, "").split("/").reduce((at, k) => at && at[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  return node || {};
}
const refName = (s) => (s && s.$ref ? s.$ref.split("/").pop() : "");
function typeLabel(s0) {
  const s = resolve(s0), name = refName(s0);
  let t;
  if (s.oneOf || s.anyOf) t = (s.oneOf || s.anyOf).map(typeLabel).join(" | ");
  else if (s.allOf) t = s.allOf.map(typeLabel).join(" & ");
  else if (s.enum) t = s.enum.map((v) => JSON.stringify(v)).join(" | ");
  else if (s.type === "array") t = typeLabel(s.items || {}) + "[]";
  else if (s.type === "object" || s.properties) t = name || (s.properties ? "object" : "object (any)");
  else t = (s.type || "any") + (s.format ? ` (${s.format})` : "");
  if (name && !(s.type === "object" || s.properties)) t = `${name}: ${t}`;
  return s.nullable ? `${t} | null` : t;
}
/** Object properties of a schema (through arrays, allOf, $ref), or null when it has none. */
function objectOf(s0) {
  let s = resolve(s0);
  if (s.type === "array") s = resolve(s.items || {});
  if (s.allOf) return { properties: Object.assign({}, ...s.allOf.map((p) => (objectOf(p) || {}).properties)),
    required: s.allOf.flatMap((p) => (objectOf(p) || {}).required || []) };
  if (s.oneOf || s.anyOf) return null;
  if (s.properties) return s;
  if (s.additionalProperties && typeof s.additionalProperties === "object") return { properties: { "[key]": s.additionalProperties }, required: [] };
  return null;
}
function schemaTree(s0, label, depth, seen) {
  const s = resolve(s0), obj = objectOf(s0);
  const line = (extra) => [label ? el("span", { text: label + ": " }) : null, el("span", { class: "t", text: typeLabel(s0) }),
    s.description ? el("span", { class: "d", text: "  — " + s.description }) : null, extra];
  const ref = refName(s0) || (s.type === "array" ? refName(s.items) : "");
  if (!obj || depth > 8 || (ref && seen.includes(ref))) return el("div", { class: "p" }, line());
  const d = el("details", depth < 1 ? { open: true } : {}, el("summary", {}, line()));
  const req = new Set(obj.required || []);
  for (const [k, v] of Object.entries(obj.properties || {}))
    d.append(schemaTree(v, k + (req.has(k) ? "" : "?"), depth + 1, ref ? [...seen, ref] : seen));
  return d;
}

// ---- operations ----
const METHODS = ["get", "post", "put", "patch", "delete"];
function exampleOf(media) {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const ex = Object.values(media.examples || {})[0];
  if (ex) return resolve(ex).value;
  return resolve(media.schema).example;
}
const isJson = (ct) => /^application\/(.+\+)?json/.test(ct || "");

function renderOp(path, method, op) {
  const M = method.toUpperCase();
  const roles = op["x-roles"];
  const rolesText = !roles ? "" : roles.length ? "roles: " + roles.join(", ") : "anyone";
  const details = el("details", { class: "op", "data-op": `${M} ${path}`, id: op.operationId || undefined,
    "data-search": [M, path, op.summary, (op.tags || []).join(" "), rolesText].join(" ").toLowerCase() },
    el("summary", {}, el("span", { class: `m ${M}`, text: M }), el("code", { text: path }),
      el("span", { class: "sum", text: op.summary || "" }), el("span", { class: "roles", text: rolesText })));
  details.addEventListener("toggle", () => { if (details.open && !details.dataset.built) { details.dataset.built = "1"; buildOp(details, path, M, op); } });
  return details;
}

function buildOp(details, path, M, op) {
  const id = (op.operationId || (M + path).replace(/\W+/g, "-"));
  const box = el("div", { class: "op-body" });
  if (op.description) box.append(el("p", { class: "muted", text: op.description }));
  const inputs = [];
  const params = (op.parameters || []).map(resolve).filter((p) => ["path", "query", "header"].includes(p.in));
  if (params.length) {
    const fs = el("fieldset", {}, el("legend", { text: "Parameters" }));
    for (const p of params) {
      const s = resolve(p.schema), fid = `${id}-${p.in}-${p.name}`;
      const hint = [p.in, typeLabel(p.schema), p.required ? "required" : "optional", p.description].filter(Boolean).join(" · ");
      let input;
      if (s.enum) input = el("select", { id: fid }, el("option", { value: "", text: "—" }), s.enum.map((v) => el("option", { value: String(v), text: String(v) })));
      else input = el("input", { id: fid, class: "mono", placeholder: s.example !== undefined ? String(s.example) : p.example !== undefined ? String(p.example) : "", required: p.required || undefined });
      inputs.push({ p, input });
      fs.append(el("label", { for: fid }, el("span", {}, el("b", { text: p.name }), " — " + hint), input));
    }
    box.append(fs);
  }
  const rb = resolve(op.requestBody);
  const content = rb.content || {};
  const jsonType = Object.keys(content).find(isJson);
  const formType = Object.keys(content).find((ct) => ct.startsWith("multipart/form-data"));
  let bodyArea = null, bodyMode = null;
  const formInputs = [];
  if (jsonType || formType) {
    const fs = el("fieldset", {}, el("legend", { text: "Request body" + (rb.required ? " (required)" : "") }));
    if (rb.description) fs.append(el("p", { class: "muted", text: rb.description }));
    const jsonBox = el("div"), formBox = el("div");
    if (jsonType) {
      const ex = exampleOf(content[jsonType]);
      bodyArea = el("textarea", { id: id + "-body", spellcheck: "false" });
      bodyArea.value = ex === undefined ? "{}" : JSON.stringify(ex, null, 2);
      jsonBox.append(el("label", { for: id + "-body" }, el("span", { text: jsonType + " (pre-filled with the documented example)" }), bodyArea),
        el("details", {}, el("summary", { text: "Body schema" }), el("div", { class: "schema" }, schemaTree(content[jsonType].schema || {}, "", 0, []))));
    }
    if (formType) {
      const obj = objectOf(content[formType].schema) || { properties: {} };
      for (const [k, v0] of Object.entries(obj.properties || {})) {
        const v = resolve(v0), fid = `${id}-form-${k}`;
        const file = v.format === "binary";
        const input = el("input", { id: fid, type: file ? "file" : "text" });
        formInputs.push({ name: k, input, file });
        formBox.append(el("label", { for: fid }, el("span", {}, el("b", { text: k }), ` — ${typeLabel(v0)}${(obj.required || []).includes(k) ? " · required" : ""}`), input));
      }
    }
    if (jsonType && formType) {
      const pick = el("select", { id: id + "-ct" }, el("option", { value: "json", text: jsonType }), el("option", { value: "form", text: formType }));
      const sync = () => { bodyMode = pick.value; jsonBox.hidden = bodyMode !== "json"; formBox.hidden = bodyMode !== "form"; };
      pick.addEventListener("change", sync);
      fs.append(el("label", { for: id + "-ct" }, el("span", { text: "Content type" }), pick));
      sync();
    } else bodyMode = jsonType ? "json" : "form";
    fs.append(jsonBox, formBox);
    box.append(fs);
  }
  const resps = el("fieldset", {}, el("legend", { text: "Responses" }));
  for (const [status, r0] of Object.entries(op.responses || {})) {
    const r = resolve(r0);
    const types = Object.keys(r.content || {});
    const d = el("details", { class: "resp" }, el("summary", {}, el("span", { class: "status", text: status }), " " + (r.description || ""),
      types.length ? el("span", { class: "muted", text: "  (" + types.join(", ") + ")" }) : null));
    for (const ct of types) {
      const media = r.content[ct];
      d.append(el("div", { class: "muted", text: ct }), el("div", { class: "schema" }, schemaTree(media.schema || {}, "", 0, [])));
      const ex = exampleOf(media);
      if (ex !== undefined) d.append(el("details", {}, el("summary", { text: "Example" }), el("pre", { text: JSON.stringify(ex, null, 2) })));
    }
    resps.append(d);
  }
  const out = el("div", { class: "result", role: "region", "aria-live": "polite", "aria-label": `Response of ${M} ${path}` });
  const send = el("button", { type: "button", class: "primary", text: "Send" });
  send.addEventListener("click", () => sendOp(path, M, { inputs, bodyArea, bodyMode: () => bodyMode, formInputs, out, send }));
  box.append(el("div", { class: "row" }, send, el("span", { class: "muted", text: "with " + (op.security && op.security.length ? "the bearer token" : "the token, if any") })), out, resps);
  details.append(box);
}

function fileName(res, path) {
  const cd = res.headers.get("Content-Disposition") || "";
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  return m ? decodeURIComponent(m[1]) : path.split("/").pop() || "download";
}
function formatSize(n) { return n < 1024 ? `${n} bytes` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`; }

async function sendOp(path, M, { inputs, bodyArea, bodyMode, formInputs, out, send }) {
  out.replaceChildren();
  const problems = [];
  const headers = {};
  let url = path;
  const query = new URLSearchParams();
  for (const { p, input } of inputs) {
    const v = input.value.trim();
    input.removeAttribute("aria-invalid");
    if (!v) { if (p.required) { problems.push(`${p.name} is required`); input.setAttribute("aria-invalid", "true"); } continue; }
    if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(v));
    else if (p.in === "query") query.append(p.name, v);
    else headers[p.name] = v;
  }
  let body;
  if (bodyMode() === "json" && bodyArea && bodyArea.value.trim()) {
    try { JSON.parse(bodyArea.value); } catch (e) { problems.push("the body is not JSON: " + e.message); }
    headers["Content-Type"] = "application/json";
    body = bodyArea.value;
  } else if (bodyMode() === "form") {
    body = new FormData();
    for (const f of formInputs) {
      if (f.file) { if (f.input.files[0]) body.append(f.name, f.input.files[0]); }
      else if (f.input.value !== "") body.append(f.name, f.input.value);
    }
  }
  if (problems.length) { out.append(el("p", { class: "err", role: "alert", text: "Not sent: " + problems.join("; ") })); return; }
  if (query.toString()) url += "?" + query;
  const token = tokenInput.value.trim();
  if (token) headers.Authorization = "Bearer " + token;
  send.disabled = true;
  const started = performance.now();
  const ctrl = new AbortController();
  try {
    const res = await fetch(url, { method: M, headers, body, signal: ctrl.signal });
    const ms = Math.round(performance.now() - started);
    const ct = res.headers.get("Content-Type") || "";
    out.append(el("p", {}, el("b", { class: "status", "data-status": String(res.status), text: `${res.status} ${res.statusText}` }),
      el("span", { class: "muted", text: ` · ${M} ${url} · ${ms} ms` })));
    out.append(el("details", {}, el("summary", { text: "Response headers" }),
      el("pre", { text: [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n") })));
    if (ct.startsWith("text/event-stream")) {
      // A live stream never ends: show what arrives in the first 5 seconds, then stop.
      const pre = el("pre", { class: "body" }); out.append(el("p", { class: "muted", text: "Event stream: the first 5 seconds" }), pre);
      const reader = res.body.getReader(), dec = new TextDecoder();
      const stop = setTimeout(() => ctrl.abort(), 5000);
      try { for (;;) { const { done, value } = await reader.read(); if (done) break; pre.textContent += dec.decode(value, { stream: true }); } }
      catch { /* stopped */ } finally { clearTimeout(stop); }
    } else if (isJson(ct)) {
      const text = await res.text();
      let shown = text;
      try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* as sent */ }
      out.append(el("pre", { class: "body", text: shown || "(empty body)" }));
    } else {
      const blob = await res.blob();
      out.append(el("p", {}, `Content-Type: ${ct || "(none)"} · ${formatSize(blob.size)} `));
      if (blob.size) {
        const href = URL.createObjectURL(blob);
        out.append(el("p", {}, el("a", { href, download: fileName(res, url), text: "Download " + fileName(res, url) })));
        if (ct.startsWith("image/")) out.append(el("img", { src: href, alt: "The image the server sent", style: "max-width:16rem;border:1px solid #ddd" }));
        else if (ct.startsWith("text/") && blob.size < 200000) out.append(el("pre", { class: "body", text: await blob.text() }));
      }
    }
  } catch (e) {
    out.append(el("p", { class: "err", role: "alert", text: "No answer: " + e.message }));
  } finally {
    send.disabled = false;
  }
}

function render() {
  const ops = $("#ops"), groups = new Map();
  for (const [path, item] of Object.entries(spec.paths || {}))
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = (op.tags && op.tags[0]) || "other";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag).push(renderOp(path, method, op));
      opCount++;
    }
  const tagInfo = Object.fromEntries((spec.tags || []).map((t) => [t.name, t.description]));
  for (const [tag, list] of groups) {
    const hid = "tag-" + tag.replace(/\W+/g, "-");
    ops.append(el("section", { "aria-labelledby": hid, "data-tag": tag }, el("h2", { id: hid, text: tag }),
      tagInfo[tag] ? el("p", { class: "muted", text: tagInfo[tag] }) : null, list));
  }
  $("#info").textContent = `${spec.info.title} ${spec.info.version} · ${opCount} operations. ${spec.info.description || ""}`;
  openHash();
}
// #operationId opens that operation (links to one operation can be shared).
function openHash() {
  const d = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (d && d.classList.contains("op")) { d.open = true; d.scrollIntoView(); }
}
window.addEventListener("hashchange", openHash);
$("#filter").addEventListener("input", (e) => {
  const q = e.target.value.trim().toLowerCase();
  for (const d of document.querySelectorAll(".op")) d.hidden = q && !d.dataset.search.includes(q);
  for (const s of document.querySelectorAll("#ops section")) s.hidden = !s.querySelector(".op:not([hidden])");
});

fetch("/api/openapi.json").then((r) => { if (!r.ok) throw new Error(r.status + " " + r.statusText); return r.json(); })
  .then((doc) => { spec = doc; render(); })
  .catch((e) => { $("#ops").append(el("p", { class: "err", role: "alert", text: "Could not load /api/openapi.json: " + e.message })); });
</script></body></html>
)html";
}  // namespace

void add_docs_routes(Router& r) {
  Route openapi{.method = "GET", .pattern = "/api/openapi.json", .access = Access::open,
                .summary = "This API as OpenAPI 3", .replies = {ok(schema::free_object(), "The OpenAPI 3.0 document")}};
  Route docs{.method = "GET", .pattern = "/api/docs", .access = Access::open, .summary = "Interactive API docs",
             .replies = {{200, schema::text(), "text/html", "A page that lists every operation and can call it"}}};
  std::vector<Route> all = r.routes();
  all.push_back(openapi);
  all.push_back(docs);
  for (auto& route : all) route.segments = pattern_segments(route.pattern);
  const std::string spec = json::serialize(openapi_document(all));
  openapi.handler = [spec](RouteContext&) {
    Response res;
    res.body = spec;
    return res;
  };
  docs.handler = [](RouteContext&) {
    Response res;
    res.content_type = "text/html; charset=utf-8";
    res.body = kDocsPage;
    return res;
  };
  r.add(std::move(openapi));
  r.add(std::move(docs));
}

}  // namespace gatepass::http
