import { buildOpenApiDocument } from './openapi';
import { fillPath, routeKeyOf, routes, type RouteDef } from './routes';

describe('the route table', () => {
  const all = Object.entries(routes) as Array<[string, RouteDef]>;

  it('has one route per method and path', () => {
    const keys = all.map(([, r]) => routeKeyOf(r));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('declares a schema for every path parameter', () => {
    for (const [id, r] of all) {
      const names = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      if (names.length === 0) continue;
      expect({ id, has: r.params !== undefined }).toEqual({ id, has: true });
      for (const name of names) expect(Object.keys((r.params as unknown as { shape: object }).shape)).toContain(name);
    }
  });

  it('gives every staff route at least one role, and audits every staff write', () => {
    for (const [id, r] of all) {
      if (r.auth.kind === 'staff') expect({ id, roles: r.auth.roles.length > 0 }).toEqual({ id, roles: true });
      // Read-only POSTs: identifying a member, previewing an adjustment (computes, writes nothing).
      if (r.auth.kind === 'staff' && r.method !== 'GET' && !['identifyMember', 'previewPointsAdjustment'].includes(id)) expect({ id, audited: r.audited }).toEqual({ id, audited: true });
    }
  });

  it('fills path parameters, encoding them', () => {
    expect(fillPath('/staff/members/{memberId}', { memberId: '100000001' })).toBe('/staff/members/100000001');
    expect(fillPath('/join/scenes/{scene}', { scene: 'A B' })).toBe('/join/scenes/A%20B');
    expect(() => fillPath('/x/{id}', {})).toThrow('missing path parameter id');
  });

  it('publishes every route in the OpenAPI document', () => {
    const doc = buildOpenApiDocument();
    for (const [id, r] of all) {
      const op = (doc.paths as Record<string, Record<string, { operationId: string }>>)[r.path]?.[r.method.toLowerCase()];
      expect(op?.operationId).toBe(id);
    }
  });
});
