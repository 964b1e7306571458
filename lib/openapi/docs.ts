import { openApiDocument } from './document';

// The OpenAPI document flattened for the server-rendered docs page (no Swagger UI, no CDN).

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  example?: unknown;
};

export type FieldRow = { name: string; type: string; required: boolean; constraints: string; description: string };

export type DocOperation = {
  id: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  description: string;
  permission: string;
  parameters: FieldRow[];
  body: { rows: FieldRow[]; example: string | null } | null;
  responses: { status: string; description: string; contentType: string }[];
  curl: string;
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asSchema(v: unknown): JsonSchema {
  return isObject(v) ? (v as JsonSchema) : {};
}

function resolve(schema: JsonSchema, components: Record<string, unknown>): JsonSchema {
  let s = schema;
  for (let i = 0; i < 10 && s.$ref; i++) s = asSchema(components[s.$ref.replace('#/components/schemas/', '')]);
  return s;
}

function typeOf(s: JsonSchema, components: Record<string, unknown>): string {
  const r = resolve(s, components);
  if (r.enum) return r.enum.map((e) => JSON.stringify(e)).join(' | ');
  if (r.const !== undefined) return JSON.stringify(r.const);
  const variants = r.anyOf ?? r.oneOf;
  if (variants) return variants.map((v) => typeOf(v, components)).join(' | ');
  const t = Array.isArray(r.type) ? r.type.join(' | ') : r.type;
  if (t === 'array' && r.items) return `${typeOf(r.items, components)}[]`;
  if (t === 'object' && !r.properties && isObject(r.additionalProperties)) return `{ [key]: ${typeOf(r.additionalProperties, components)} }`;
  return t ?? 'any';
}

function constraintsOf(s: JsonSchema): string {
  const c: string[] = [];
  if (s.pattern) c.push(`pattern ${s.pattern}`);
  if (s.format) c.push(s.format);
  if (s.minimum !== undefined) c.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) c.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) c.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined) c.push(`length ≥ ${s.minLength}`);
  if (s.maxLength !== undefined) c.push(`length ≤ ${s.maxLength}`);
  if (s.minItems !== undefined) c.push(`items ≥ ${s.minItems}`);
  if (s.maxItems !== undefined) c.push(`items ≤ ${s.maxItems}`);
  if (s.default !== undefined) c.push(`default ${JSON.stringify(s.default)}`);
  return c.join(', ');
}

/** Object properties as rows, nested objects and arrays of objects with dotted names. */
export function fieldRows(schema: JsonSchema, components: Record<string, unknown>, prefix = '', depth = 0): FieldRow[] {
  const s = resolve(schema, components);
  const rows: FieldRow[] = [];
  const required = new Set(s.required ?? []);
  for (const [name, raw] of Object.entries(s.properties ?? {})) {
    const p = resolve(raw, components);
    const full = `${prefix}${name}`;
    rows.push({ name: full, type: typeOf(p, components), required: required.has(name), constraints: constraintsOf(p), description: p.description ?? '' });
    if (depth < 3) {
      if (p.properties) rows.push(...fieldRows(p, components, `${full}.`, depth + 1));
      const item = p.items ? resolve(p.items, components) : null;
      if (item?.properties) rows.push(...fieldRows(item, components, `${full}[].`, depth + 1));
    }
  }
  return rows;
}

/** The document's Markdown code spans, as plain text for the page. */
function plain(s: string): string {
  return s.replace(/`([^`]*)`/g, '$1');
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function docOperations(): DocOperation[] {
  const doc = openApiDocument();
  const components = isObject(doc.components?.schemas) ? (doc.components.schemas as Record<string, unknown>) : {};
  const ops: DocOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const parameters: FieldRow[] = (Array.isArray(op.parameters) ? op.parameters : []).filter(isObject).map((p) => {
        const schema = asSchema(p.schema);
        return {
          name: `${String(p.name)} (${String(p.in)})`,
          type: typeOf(schema, components),
          required: p.required === true,
          constraints: constraintsOf(schema),
          description: typeof p.description === 'string' ? p.description : (schema.description ?? ''),
        };
      });
      let body: DocOperation['body'] = null;
      let example: unknown;
      const rb = isObject(op.requestBody) ? op.requestBody : null;
      const media = rb && isObject(rb.content) && isObject(rb.content['application/json']) ? rb.content['application/json'] : null;
      if (media) {
        example = media.example;
        body = { rows: fieldRows(asSchema(media.schema), components), example: example === undefined ? null : JSON.stringify(example, null, 2) };
      }
      const responses = Object.entries(isObject(op.responses) ? op.responses : {}).map(([status, r]) => {
        const res = isObject(r) ? r : {};
        return { status, description: typeof res.description === 'string' ? res.description : '', contentType: isObject(res.content) ? Object.keys(res.content).join(', ') : '' };
      });
      const permission = typeof op['x-permission'] === 'string' ? op['x-permission'] : 'none';
      const concretePath = path.replace('{ref}', 'pib-vg-base-diffusion-1.2.3-20230615').replace('{id}', 'TOKEN_ID');
      const query = path === '/api/v1/versions' && method === 'get' ? '?component=base&sort=version&order=desc&pageSize=25' : path === '/api/v1/compare' ? '?ids=pib-vg-base-diffusion-1.1.0-20230501,pib-vg-base-diffusion-1.2.3-20230615' : '';
      const curl = [
        `curl -sS -X ${method.toUpperCase()} "$REGISTRY_URL${concretePath}${query}"`,
        ...(permission === 'none' ? [] : ['  -H "Authorization: Bearer $MGR_TOKEN"']),
        ...(media ? ['  -H "Content-Type: application/json"', `  -d ${shellQuote(JSON.stringify(example ?? {}))}`] : []),
      ].join(' \\\n');
      ops.push({
        id: typeof op.operationId === 'string' ? op.operationId : `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        tag: Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : 'other',
        summary: typeof op.summary === 'string' ? op.summary : '',
        description: typeof op.description === 'string' ? plain(op.description.replace(/\n\nPermission: .*$/s, '')) : '',
        permission,
        parameters,
        body,
        responses,
        curl,
      });
    }
  }
  return ops;
}

export function docInfo(): { title: string; version: string; description: string; tags: { name: string; description: string }[] } {
  const doc = openApiDocument();
  return {
    title: doc.info.title,
    version: doc.info.version,
    description: plain(doc.info.description ?? ''),
    tags: (doc.tags ?? []).map((t) => ({ name: t.name, description: t.description ?? '' })),
  };
}
