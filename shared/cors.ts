import { routes } from './routes';

/**
 * The API's CORS policy, one definition for the CDK stack (API Gateway's preflight) and the local server, so a
 * browser sees the same answers locally as in the cloud. The methods are the ones the route table uses.
 * Origins: in the cloud, the staff console's domain only (the stack sets it); locally any, since the console's and
 * the H5 app's ports are chosen at start. Tokens travel in the Authorization header, never in cookies.
 */
export const corsPolicy = {
  allowOrigins: ['*'],
  allowHeaders: ['authorization', 'content-type', 'accept-language'],
  allowMethods: [...new Set(Object.values(routes).map((r) => r.method))].sort(),
  maxAgeSeconds: 86_400,
} as const;
