import * as z from 'zod';
import { route, pub } from '../../route-def';
import { healthResponse, publicInfoResponse } from './schemas';

/** What the API says about itself. */
export const platformRoutes = {
  openapi: route({ method: 'GET', path: '/openapi.json', group: 'public', auth: pub, summary: 'This API as an OpenAPI 3.1 document', response: z.record(z.string(), z.unknown()) }),
  health: route({ method: 'GET', path: '/health', group: 'public', auth: pub, summary: 'Liveness', response: healthResponse }),
  publicInfo: route({ method: 'GET', path: '/info', group: 'public', auth: pub, summary: 'Chain name, consent versions and sign-in methods', response: publicInfoResponse }),
};
