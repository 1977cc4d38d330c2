// `npm run api:lint`: the committed copy of the server's OpenAPI document (src/api/openapi.json,
// made by `gatepass openapi`) must be a valid OpenAPI 3 document (a real validator:
// @apidevtools/swagger-parser, JSON Schema + spec rules) and complete enough to generate the web
// app's types and the /api/docs try-it-out page from:
//   - every operation has an operationId and x-roles (the roles that may call it; [] = anyone),
//   - at least one 2xx response with content (what a success looks like),
//   - every JSON request body and every 2xx JSON response carries an example,
//   - and every example (bodies, responses, parameters) is valid against its own schema: /api/docs
//     pre-fills its try-it-out forms with them, so a stale example would be a request that fails.
// Any problem fails the process with one line per problem; success prints one summary line.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv from "ajv";

const file = resolve(import.meta.dirname, "..", process.argv[2] ?? "src/api/openapi.json");
const shown = relative(process.cwd(), file) || file;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function fail(lines) {
  console.error(`api:lint: ${shown} is not right:`);
  for (const line of lines) console.error(`  - ${line}`);
  console.error(`(${lines.length} problem${lines.length === 1 ? "" : "s"}; regenerate it with \`gatepass openapi > web/src/api/openapi.json\` after fixing the route table)`);
  process.exit(1);
}

let doc;
try {
  doc = JSON.parse(readFileSync(file, "utf8"));
} catch (err) {
  fail([`cannot read it as JSON: ${err.message}`]);
}

// The validator dereferences in place: give it its own copy and keep `doc` with its $refs.
let resolved;
try {
  resolved = await SwaggerParser.validate(structuredClone(doc));
} catch (err) {
  const details = Array.isArray(err.details)
    ? err.details.map((d) => `${(d.instancePath ?? d.path ?? "").toString() || "/"}: ${d.message}`)
    : [];
  fail([`OpenAPI validation failed: ${err.message.split("\n")[0]}`, ...new Set(details)]);
}

/** Follows a local "#/components/..." $ref (responses and request bodies may be references). */
function deref(node) {
  for (let hops = 0; node && typeof node.$ref === "string" && hops < 20; hops++) {
    if (!node.$ref.startsWith("#/")) return node;
    node = node.$ref.slice(2).split("/").reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return node;
}
const isJson = (type) => /^application\/(.+\+)?json\b/.test(type);
const hasExample = (media) =>
  media.example !== undefined || (media.examples && Object.keys(media.examples).length > 0) || deref(media.schema)?.example !== undefined;

/** An OpenAPI 3.0 schema (dereferenced) as JSON Schema: `nullable` becomes a null type. */
function jsonSchema(node, seen = new Map()) {
  if (Array.isArray(node)) return node.map((n) => jsonSchema(n, seen));
  if (!node || typeof node !== "object") return node;
  if (seen.has(node)) return seen.get(node);
  const out = {};
  seen.set(node, out);
  for (const [key, value] of Object.entries(node)) {
    if (key === "example" || key === "nullable" || key.startsWith("x-")) continue;
    out[key] = key === "properties" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSchema(v, seen)])) : jsonSchema(value, seen);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === "string") out.type = [out.type, "null"];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.type === undefined && out.enum === undefined) {
    const inner = { ...out };
    for (const key of Object.keys(out)) delete out[key];
    out.anyOf = [inner, { type: "null" }];
  }
  return out;
}
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
/** Problems of `example` against `schema` (both dereferenced), as "path: message". */
function exampleProblems(example, schema) {
  let validate;
  try {
    validate = ajv.compile(jsonSchema(schema));
  } catch (err) {
    return [`its schema does not compile: ${err.message}`];
  }
  return validate(example) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
}
function checkExample(where, media) {
  if (!media?.schema) return;
  const examples = media.example !== undefined ? [["example", media.example]]
    : Object.entries(media.examples ?? {}).map(([name, ex]) => [`examples.${name}`, ex.value]);
  for (const [name, value] of examples)
    for (const problem of exampleProblems(value, media.schema)) problems.push(`${where}: ${name} does not match its schema: ${problem}`);
}

const problems = [];
const seenIds = new Map();
let operations = 0;
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    operations++;
    const where = `${method.toUpperCase()} ${path}`;
    if (!op.operationId) problems.push(`${where}: no operationId`);
    else if (seenIds.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} is also ${seenIds.get(op.operationId)}'s`);
    else seenIds.set(op.operationId, where);
    if (!Array.isArray(op["x-roles"])) problems.push(`${where}: no x-roles (the roles that may call it; [] for anyone)`);

    const body = deref(op.requestBody);
    for (const [type, media] of Object.entries(body?.content ?? {}))
      if (isJson(type) && !hasExample(media)) problems.push(`${where}: request body (${type}) has no example`);

    let successWithContent = 0;
    for (const [status, raw] of Object.entries(op.responses ?? {})) {
      if (!/^2(\d\d|XX)$/.test(status)) continue;
      const response = deref(raw);
      const content = Object.entries(response?.content ?? {});
      if (content.length) successWithContent++;
      for (const [type, media] of content)
        if (isJson(type) && !hasExample(media)) problems.push(`${where}: ${status} response (${type}) has no example`);
    }
    if (!successWithContent) problems.push(`${where}: no 2xx response with content`);

    // Examples against their schemas, on the dereferenced copy.
    const rop = resolved.paths[path][method];
    for (const [type, media] of Object.entries(rop.requestBody?.content ?? {}))
      if (isJson(type)) checkExample(`${where} request body (${type})`, media);
    for (const [status, response] of Object.entries(rop.responses ?? {}))
      for (const [type, media] of Object.entries(response.content ?? {}))
        if (isJson(type)) checkExample(`${where} ${status} response (${type})`, media);
    for (const param of [...(resolved.paths[path].parameters ?? []), ...(rop.parameters ?? [])]) {
      if (param.example !== undefined) checkExample(`${where} parameter ${param.name}`, { schema: param.schema, example: param.example });
      if (param.schema?.example !== undefined) checkExample(`${where} parameter ${param.name} (schema)`, { schema: param.schema, example: param.schema.example });
    }
  }
}
// Examples inside the component schemas (a property's own example), each against its schema.
function walkSchemaExamples(where, schema, seen = new Set()) {
  if (!schema || typeof schema !== "object" || seen.has(schema)) return;
  seen.add(schema);
  if (schema.example !== undefined)
    for (const problem of exampleProblems(schema.example, schema)) problems.push(`${where}: example does not match its schema: ${problem}`);
  for (const [key, sub] of Object.entries(schema.properties ?? {})) walkSchemaExamples(`${where}.${key}`, sub, seen);
  if (schema.items) walkSchemaExamples(`${where}[]`, schema.items, seen);
  for (const key of ["allOf", "oneOf", "anyOf"]) for (const sub of schema[key] ?? []) walkSchemaExamples(where, sub, seen);
  if (typeof schema.additionalProperties === "object") walkSchemaExamples(`${where}{}`, schema.additionalProperties, seen);
}
for (const [name, schema] of Object.entries(resolved.components?.schemas ?? {})) walkSchemaExamples(`components.schemas.${name}`, schema);

if (problems.length) fail([...new Set(problems)]);

const schemas = Object.keys(doc.components?.schemas ?? {}).length;
console.log(`api:lint: ${shown} OK: OpenAPI ${doc.openapi}, ${operations} operations, ${schemas} schemas`);
