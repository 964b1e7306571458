import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { actionsOf } from './action-twins';
import { API_VERSION, ERROR_TEXT, OPERATIONS, Problem, TransitionRefused } from './operations';

export { API_VERSION, OPERATIONS, type OperationExtras } from './operations';

// The OpenAPI document of /api/v1, generated from the operations' zod schemas (lib/openapi/
// operations.ts → lib/contracts/*), the same schemas the handlers parse and serialise with.

function buildDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (mgr_…) created by an admin under Admin → API tokens; it acts with the role it was given.',
  });

  for (const op of OPERATIONS) {
    const { permission, permissionNote, success, errors, example, ...config } = op;
    const responses: RouteConfig['responses'] = {
      [String(success.status)]: {
        description: success.description,
        ...(success.headers ? { headers: Object.fromEntries(Object.entries(success.headers).map(([k, v]) => [k, { description: v, schema: { type: 'string' } }])) } : {}),
        content: success.schema
          ? { [success.contentType ?? 'application/json']: { schema: success.schema } }
          : { [success.contentType ?? 'application/json']: { schema: { type: 'string' } } },
      },
    };
    for (const code of errors) {
      responses[String(code)] = { description: ERROR_TEXT[code], content: { 'application/problem+json': { schema: code === 422 ? TransitionRefused : Problem } } };
    }
    if (example !== undefined && config.request?.body) {
      const media = config.request.body.content['application/json'];
      if (media && !('$ref' in media)) media.example = example;
    }
    const twins = actionsOf(config.method, config.path);
    registry.registerPath({
      ...config,
      description: `${config.description ?? ''}\n\nPermission: ${permission === 'none' ? 'none (public)' : permission === 'authenticated' ? 'any valid token; the service checks the role for the target' : `\`${permission}\``}${permissionNote ? ` (${permissionNote})` : ''}.`,
      responses,
      'x-permission': permission,
      ...(twins.length ? { 'x-server-actions': twins } : {}),
    } as RouteConfig);
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Model Governance Registry API',
      version: API_VERSION,
      description:
        'Versioned REST API for CI pipelines: register model versions, upload metrics and test results, request lifecycle transitions, read model cards and comparisons. ' +
        'JSON in and out; errors are application/problem+json (RFC 9457) with `errors` mapping each invalid field to its reasons.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'versions', description: 'Model versions, metrics, test results, lifecycle, model cards' },
      { name: 'parameter sets', description: 'λ, training and inference parameter sets' },
      { name: 'audit', description: 'Tamper-evident audit log and quarterly audits' },
      { name: 'promotion', description: 'Promotion requests, committee votes and emergency reviews' },
      { name: 'incidents', description: 'Incidents, rollback traffic and the serving layer\'s traffic split' },
      { name: 'tokens', description: 'API tokens for CI (admin)' },
      { name: 'admin', description: 'Users and roles, governance settings' },
      { name: 'reference', description: 'Components, metric definitions, service' },
    ],
  });
}

export type OpenApiDocument = ReturnType<typeof buildDocument>;

let cached: OpenApiDocument | undefined;

/** The document, built once per process. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}
