import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { apiErrorSchema } from './errors';
import { routes, type RouteDef } from './routes';

/** The OpenAPI 3.1 document, generated from the route table's zod schemas (served at /openapi.json). */
export function buildOpenApiDocument(serverUrl?: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: apiErrorSchema } } });
  for (const [id, r] of Object.entries(routes) as Array<[string, RouteDef]>) {
    const roles = r.auth.kind === 'staff' ? ` Staff roles: ${r.auth.roles.join(', ')}.` : '';
    registry.registerPath({
      operationId: id,
      method: r.method.toLowerCase() as 'get',
      path: r.path,
      summary: r.summary,
      description: `Access: ${r.auth.kind}.${roles}${r.audited ? ' Audit-logged.' : ''}`,
      tags: [r.group],
      security: r.auth.kind === 'public' ? [] : [{ bearer: [] }],
      request: {
        ...(r.params ? { params: r.params as never } : {}),
        ...(r.query ? { query: r.query as never } : {}),
        ...(r.body ? { body: { content: { 'application/json': { schema: r.body } } } } : {}),
      },
      responses: {
        [r.status ?? 200]: { description: 'OK', content: { 'application/json': { schema: r.response } } },
        400: errorResponse('Invalid input: details carry the zod field paths'),
        ...(r.auth.kind === 'public' ? {} : { 401: errorResponse('Not signed in'), 403: errorResponse('Not allowed') }),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Retail membership API', version: '1.0.0', description: 'Members, staff and register API of the membership platform. Money in fen, points as integers.' },
    servers: serverUrl ? [{ url: serverUrl }] : [],
  });
}
