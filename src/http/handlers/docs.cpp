#include <boost/json/serialize.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

namespace {
namespace json = boost::json;

std::string who(const Route& r) {
  if (r.access != Access::roles) return "public";
  std::string out;
  for (Role role : r.roles) out += (out.empty() ? "" : ", ") + std::string(to_string(role));
  return out;
}

// OpenAPI 3 from the route table itself, so the description can never miss a route.
std::string build_openapi(const std::vector<Route>& routes) {
  json::object paths;
  for (const auto& r : routes) {
    json::array params;
    for (const auto& seg : r.segments)
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)}, {"in", "path"}, {"required", true},
                          {"schema", {{"type", "string"}}}});
    json::object op{{"summary", r.summary},
                    {"description", "Who may call it: " + who(r) + "."},
                    {"parameters", params},
                    {"responses",
                     {{"200", {{"description", "Success (201 for creations)"}}},
                      {"4XX", {{"description", "{\"error\":{\"code\",\"message\",\"fields\"}}"}}}}}};
    if (r.access == Access::roles) op["security"] = json::array{json::object{{"bearer", json::array{}}}};
    if (r.method == "POST" || r.method == "PATCH")
      op["requestBody"] = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    std::string method = r.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto& path = paths[r.pattern];
    if (!path.is_object()) path = json::object{};
    path.as_object()[method] = std::move(op);
  }
  json::object spec{{"openapi", "3.0.3"},
                    {"info", {{"title", "Gatepass API"}, {"version", GATEPASS_VERSION}}},
                    {"paths", std::move(paths)},
                    {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  return json::serialize(spec);
}

// A self-contained page (no CDN): lists every route from openapi.json and lets you try GETs.
constexpr const char* kDocsPage = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Gatepass API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#111}
.op{border:1px solid #ddd;border-radius:8px;padding:.6rem .9rem;margin:.5rem 0}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.GET{color:#0a7}.POST{color:#06c}.PATCH{color:#a60}
code{background:#f4f4f4;padding:0 .3rem;border-radius:4px}pre{background:#111;color:#eee;padding:.6rem;overflow:auto;border-radius:6px}
input{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}</style></head>
<body><h1>Gatepass API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.
Errors are <code>{"error":{"code","message","fields"}}</code>.</p>
<label>Bearer token (from <code>POST /api/auth/login</code>)<input id="tok" placeholder="paste access_token"></label>
<div id="ops"></div>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(spec=>{
  const ops=document.getElementById('ops');
  for(const [path,methods] of Object.entries(spec.paths)) for(const [m,op] of Object.entries(methods)){
    const d=document.createElement('div');d.className='op';
    const M=m.toUpperCase();
    d.innerHTML=`<span class="m ${M}">${M}</span><code></code><div></div>`;
    d.querySelector('code').textContent=path;
    d.querySelector('div').textContent=op.summary+' — '+op.description;
    if(M==='GET'&&!path.includes('{')){const b=document.createElement('button');b.textContent='Try';
      const out=document.createElement('pre');out.hidden=true;
      b.onclick=async()=>{const t=document.getElementById('tok').value.trim();
        const r=await fetch(path,{headers:t?{Authorization:'Bearer '+t}:{}});
        out.hidden=false;out.textContent=r.status+'\n'+await r.text();};
      d.append(b,out);}
    ops.append(d);
  }});
</script></body></html>
)html";
}  // namespace

void add_docs_routes(Router& r) {
  Route openapi{.method = "GET", .pattern = "/api/openapi.json", .access = Access::open,
                .summary = "This API as OpenAPI 3"};
  Route docs{.method = "GET", .pattern = "/api/docs", .access = Access::open, .summary = "Interactive API docs"};
  std::vector<Route> all = r.routes();
  all.push_back(openapi);
  all.push_back(docs);
  for (auto& route : all) route.segments = pattern_segments(route.pattern);
  const std::string spec = build_openapi(all);
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
