/**
 * Serves the mini-program's H5 build, plus `/config.js`: the runtime configuration (API address, dev mode) that the
 * cloud deployment writes next to the build, so one build works against any API.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { listen } from './listen';

export interface StaticServerOptions {
  root: string;
  host?: string;
  /** 0 or undefined: a free port. */
  port?: number;
  /** A function gets the request's host name: a phone on the LAN must be sent to the API by the address it used. */
  runtimeConfig: Record<string, unknown> | ((requestHostname: string) => Record<string, unknown>);
}

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** `<` escaped so a value can never close the script element. */
export function configScript(config: Record<string, unknown>): string {
  return `window.__MEMBERSHIP_CONFIG__ = ${JSON.stringify(config).replace(/</g, '\\u003c')};\n`;
}

/** Webpack's content-hashed names (app.3f9c1a2b.js) never change content, so browsers may keep them. */
const HASHED = /\.[0-9a-f]{8,}\.\w+$/;

const MISSING_BUILD = `<!doctype html><meta charset="utf-8"><title>H5 build missing</title>
<body style="font-family:sans-serif;padding:2em"><h1>The H5 build is missing</h1>
<p>Run <code>npm run build:h5</code> (or restart <code>npm start</code>) and reload. The API is running regardless.</p>`;

export async function startStaticServer(opts: StaticServerOptions): Promise<StaticServer> {
  const root = path.resolve(opts.root);
  const host = opts.host ?? '127.0.0.1';
  const fixedConfig = typeof opts.runtimeConfig === 'function' ? undefined : configScript(opts.runtimeConfig);
  const configFor = (req: http.IncomingMessage) => {
    if (fixedConfig) return fixedConfig;
    const hostname = new URL(`http://${req.headers.host ?? 'localhost'}`).hostname;
    return configScript((opts.runtimeConfig as (h: string) => Record<string, unknown>)(hostname));
  };

  const sendFile = async (req: http.IncomingMessage, res: http.ServerResponse, file: string, stat: fs.Stats) => {
    const ext = path.extname(file).toLowerCase();
    const type = TYPES[ext] ?? 'application/octet-stream';
    const cache = HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (ext === '.html') {
      // The page must load /config.js before the app; add the tag if the build's template does not have it.
      let html = await fs.promises.readFile(file, 'utf8');
      if (!/<script[^>]+src=["'][^"']*config\.js["']/i.test(html)) html = html.replace(/<head[^>]*>/i, (m) => `${m}<script src="/config.js"></script>`);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(html) });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': cache, 'content-length': stat.size });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };

  const statFile = async (file: string) => {
    try {
      const st = await fs.promises.stat(file);
      return st.isFile() ? st : undefined;
    } catch {
      return undefined;
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      return void res.end('Method Not Allowed');
    }
    const rawPath = (req.url ?? '/').split('?')[0].split('#')[0];
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(rawPath);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return void res.end('Bad Request');
    }
    // Refuse traversal outright: `..` segments (also %2e%2e and backslashes) and NUL bytes never reach the disk.
    const segments = urlPath.split(/[/\\]+/);
    const file = path.join(root, ...segments);
    if (urlPath.includes('\0') || segments.includes('..') || (file !== root && !file.startsWith(root + path.sep))) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      return void res.end('Forbidden');
    }

    // Also under deeper paths: the page may load it relatively (`src="config.js"`) from an app route.
    if (urlPath === '/config.js' || urlPath.endsWith('/config.js')) {
      const config = configFor(req);
      res.writeHead(200, {
        'content-type': 'application/javascript; charset=utf-8',
        'cache-control': 'no-store',
        'content-length': Buffer.byteLength(config),
      });
      return void res.end(req.method === 'HEAD' ? undefined : config);
    }

    const direct = urlPath.endsWith('/') ? undefined : await statFile(file);
    if (direct) return sendFile(req, res, file, direct);
    const dirIndex = path.join(file, 'index.html');
    const dirStat = await statFile(dirIndex);
    if (dirStat) return sendFile(req, res, dirIndex, dirStat);

    // A path that names a file (has an extension) and is not there: 404. Anything else is a client-side route.
    if (path.extname(urlPath)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('Not Found');
    }
    const index = path.join(root, 'index.html');
    const indexStat = await statFile(index);
    if (indexStat) return sendFile(req, res, index, indexStat);
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(MISSING_BUILD);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    });
  });
  return listen(server, host, opts.port);
}
