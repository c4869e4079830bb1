/**
 * What the local static servers write into /config.js (`window.__MEMBERSHIP_CONFIG__`): the API's address for the H5
 * app and the console, dev mode for the H5 app, and the console's address for the H5 app when a console is served (the
 * mini-program's staff home shows it to staff who are not cashiers).
 */
import type { StaticServerOptions } from './static-server';

type RuntimeConfig = StaticServerOptions['runtimeConfig'];
export interface Served {
  /** As printed, e.g. http://127.0.0.1:3000. */
  url: string;
  port: number;
}

/** Listening on all interfaces: a phone or computer on the LAN reaches us by another name than 127.0.0.1. */
export const isAllInterfaces = (host: string) => host === '0.0.0.0' || host === '::';

/** A served port under the host name a request came in by (IPv6 literals in brackets). */
export const urlOn = (hostname: string, port: number) => `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;

/**
 * Fixed values when listening on one address; on all interfaces, a function of the host name each request used, so a
 * browser on the LAN is sent to the API and the console by the address it reached the app with.
 */
export function appRuntimeConfig(host: string, api: Served, staffConsole?: Served): RuntimeConfig {
  if (isAllInterfaces(host)) {
    return (hostname) => ({ apiBaseUrl: urlOn(hostname, api.port), devMode: true, ...(staffConsole ? { consoleUrl: urlOn(hostname, staffConsole.port) } : {}) });
  }
  return { apiBaseUrl: api.url, devMode: true, ...(staffConsole ? { consoleUrl: staffConsole.url } : {}) };
}

export function consoleRuntimeConfig(host: string, api: Served): RuntimeConfig {
  return isAllInterfaces(host) ? (hostname) => ({ apiBaseUrl: urlOn(hostname, api.port) }) : { apiBaseUrl: api.url };
}
