/** `GET /rest/v1/`: a Swagger 2.0 description of the exposed schema (PostgREST's OpenAPI). */
import type { ServerConfig } from '../config.ts';
import type { ApiResponse } from '../http/types.ts';
import type { ApiRequest } from './api-request.ts';
import { errors } from './errors.ts';
import { toMime } from './negotiation.ts';
import type { SchemaCache } from './schema-cache.ts';

const OPENAPI_TYPES: Record<string, string> = { int2: 'integer', int4: 'integer', int8: 'integer', float4: 'number', float8: 'number', numeric: 'number', bool: 'boolean' };

/** `GET /`: a Swagger 2.0 description of the exposed schema's tables, views and functions. */
export function openApiResponse(cache: SchemaCache, config: ServerConfig, req: ApiRequest): ApiResponse {
  if (!req.accept.some((m) => m.kind === 'openapi' || m.kind === 'json' || m.kind === 'any')) throw errors.mediaType(req.accept.map(toMime));
  const tables = [...cache.tables.values()].filter((t) => t.schema === req.schema).sort((a, b) => a.name.localeCompare(b.name));
  const routines = [...cache.routines.values()].flat().filter((r) => r.schema === req.schema);
  const paths: Record<string, unknown> = { '/': { get: { produces: ['application/openapi+json', 'application/json'], responses: { '200': { description: 'OK' } }, summary: 'OpenAPI description (this document)', tags: ['Introspection'] } } };
  const definitions: Record<string, unknown> = {};
  for (const t of tables) {
    const ops: Record<string, unknown> = { get: { tags: [t.name], responses: { '200': { description: 'OK' }, '206': { description: 'Partial Content' } } } };
    if (t.insertable) ops.post = { tags: [t.name], responses: { '201': { description: 'Created' } } };
    if (t.updatable) ops.patch = { tags: [t.name], responses: { '204': { description: 'No Content' } } };
    if (t.deletable) ops.delete = { tags: [t.name], responses: { '204': { description: 'No Content' } } };
    paths[`/${t.name}`] = ops;
    definitions[t.name] = {
      type: 'object',
      required: t.columnList.filter((c) => !c.nullable && c.default === null).map((c) => c.name),
      properties: Object.fromEntries(
        t.columnList.map((c) => {
          const type = OPENAPI_TYPES[c.nominalType] ?? (c.type.endsWith('[]') ? 'array' : 'string');
          return [c.name, { type, format: c.type, ...(t.pk.includes(c.name) ? { description: 'Note:\nThis is a Primary Key.<pk/>' } : {}) }];
        }),
      ),
    };
  }
  for (const r of routines) {
    paths[`/rpc/${r.name}`] = {
      ...(r.volatility === 'v' ? {} : { get: { tags: ['(rpc) ' + r.name], responses: { '200': { description: 'OK' } } } }),
      post: {
        tags: ['(rpc) ' + r.name],
        parameters: [{ in: 'body', name: 'args', required: true, schema: { type: 'object', required: r.params.filter((p) => p.required).map((p) => p.name), properties: Object.fromEntries(r.params.map((p) => [p.name, { format: p.type, type: 'string' }])) } }],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  const body = JSON.stringify({
    swagger: '2.0',
    info: { description: '', title: 'standard public schema', version: '13.0.0' },
    host: config.siteUrl.replace(/^https?:\/\//, ''),
    basePath: '/',
    schemes: [config.siteUrl.startsWith('https') ? 'https' : 'http'],
    consumes: ['application/json', 'application/vnd.pgrst.object+json;nulls=stripped', 'application/vnd.pgrst.object+json', 'text/csv'],
    produces: ['application/json', 'application/vnd.pgrst.object+json;nulls=stripped', 'application/vnd.pgrst.object+json', 'text/csv'],
    paths,
    definitions,
  });
  const headers: Record<string, string> = { 'content-type': 'application/openapi+json; charset=utf-8' };
  if (req.negotiatedByProfile) headers['content-profile'] = req.schema;
  return { status: 200, headers, body: req.headersOnly ? '' : body };
}
