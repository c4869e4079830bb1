import { appRuntimeConfig, consoleRuntimeConfig } from './runtime-config';

const api = { url: 'http://127.0.0.1:3000', port: 3000 };
const staffConsole = { url: 'http://127.0.0.1:5180', port: 5180 };
const at = (config: ReturnType<typeof appRuntimeConfig>, hostname: string) => (typeof config === 'function' ? config(hostname) : config);

describe('the H5 app’s /config.js', () => {
  it('names the API, dev mode and the console when one is served', () => {
    expect(appRuntimeConfig('127.0.0.1', api, staffConsole)).toEqual({ apiBaseUrl: api.url, devMode: true, consoleUrl: staffConsole.url });
  });
  it('names no console when none is served', () => {
    expect(appRuntimeConfig('127.0.0.1', api)).toEqual({ apiBaseUrl: api.url, devMode: true });
  });
  it('on all interfaces, names the API and the console by the host name each request used', () => {
    for (const host of ['0.0.0.0', '::']) {
      const config = appRuntimeConfig(host, api, staffConsole);
      expect(typeof config).toBe('function');
      expect(at(config, '192.168.1.20')).toEqual({ apiBaseUrl: 'http://192.168.1.20:3000', devMode: true, consoleUrl: 'http://192.168.1.20:5180' });
      expect(at(config, 'fe80::1')).toEqual({ apiBaseUrl: 'http://[fe80::1]:3000', devMode: true, consoleUrl: 'http://[fe80::1]:5180' });
      expect(at(appRuntimeConfig(host, api), 'laptop.local')).toEqual({ apiBaseUrl: 'http://laptop.local:3000', devMode: true });
    }
  });
});

describe('the console’s /config.js', () => {
  it('names the API only', () => {
    expect(consoleRuntimeConfig('127.0.0.1', api)).toEqual({ apiBaseUrl: api.url });
    expect(at(consoleRuntimeConfig('0.0.0.0', api), '192.168.1.20')).toEqual({ apiBaseUrl: 'http://192.168.1.20:3000' });
  });
});
