/**
 * The test bridge: serves the built renderer to an ordinary browser and
 * answers `window.api.invoke` over HTTP with the same handler registry the
 * Electron main process uses. For end-to-end tests and `npm run dev:web`.
 *
 * It binds to loopback only and refuses any other address. Requests need the
 * random token (given once in the start URL, then kept in an HttpOnly,
 * SameSite=Strict cookie) and the exact Host header, so neither another
 * machine nor a web page in the same browser (CSRF, DNS rebinding) can use it.
 * The change notices (which tables a committed write changed, never data) reach
 * the page as Server-Sent Events on the same origin, under the same checks.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../../src-shared/csp';
import type { ChangeNotice } from '../../src-shared/tables';
import type { Host } from '../host';
import type { Session } from '../ipc/session';

export type Bridge = { url: string; port: number; close(): Promise<void> };

export type BridgeOptions = {
  host: Host;
  rendererDir: string;
  hostname?: string;
  port?: number;
};

const COOKIE = 'tuoke_bridge';
const MAX_BODY = 20 * 1024 * 1024;

export const isLoopback = (hostname: string): boolean => {
  if (hostname === '::1') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
};

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The browser-side stand-in for the Electron preload: the same `window.api.invoke` and `window.api.onChange`. */
const apiScript = `(() => {
  const client = sessionStorage.getItem('tuoke-client') || crypto.randomUUID();
  sessionStorage.setItem('tuoke-client', client);
  window.api = Object.freeze({
    invoke: async (channel, input) => {
      try {
        const res = await fetch('/__bridge/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tuoke-client': client },
          body: JSON.stringify({ channel, input }),
        });
        return await res.json();
      } catch (e) {
        return { ok: false, error: { code: 'NETWORK', message: String(e) } };
      }
    },
    onChange: (listener) => {
      if (typeof listener !== 'function') throw new TypeError('onChange takes a function');
      const source = new EventSource('/__bridge/changes');
      source.onmessage = (event) => {
        let tables;
        try {
          tables = JSON.parse(event.data).tables;
        } catch {
          return;
        }
        if (Array.isArray(tables)) listener(tables.filter((t) => typeof t === 'string'));
      };
      return () => source.close();
    },
  });
})();
`;

const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const cookieValue = (req: IncomingMessage): string | undefined => {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export const startBridge = async (options: BridgeOptions): Promise<Bridge> => {
  const hostname = options.hostname ?? '127.0.0.1';
  if (!isLoopback(hostname)) throw new Error(`the test bridge binds to loopback only, not ${hostname}`);
  const token = randomBytes(24).toString('base64url');
  const sessions = new Map<string, Session>();
  let port = 0;

  const headers = (type: string): Record<string, string> => ({
    'content-type': type,
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, headers(type));
    res.end(body);
  };

  const serveStatic = async (res: ServerResponse, pathname: string): Promise<void> => {
    const rel = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
    const file = join(options.rendererDir, rel);
    if (!file.startsWith(options.rendererDir + sep) && file !== options.rendererDir) return send(res, 403, 'text/plain', 'forbidden');
    try {
      let body: string | Buffer = await readFile(file);
      if (rel === 'index.html') {
        // The API script must run before the app's module script.
        body = body.toString('utf8').replace('<script', '<script src="/__bridge/api.js"></script>\n    <script');
      }
      send(res, 200, mime[extname(file)] ?? 'application/octet-stream', body);
    } catch {
      send(res, 404, 'text/plain', 'not found');
    }
  };

  /** The change notices as Server-Sent Events, until the page goes (EventSource reconnects by itself). */
  const streamChanges = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { ...headers('text/event-stream; charset=utf-8'), connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    const stop = options.host.onChange((tables) => {
      const notice: ChangeNotice = { tables };
      res.write(`data: ${JSON.stringify(notice)}\n\n`);
    });
    req.on('close', stop);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const allowedHosts = [`${hostname}:${port}`, `localhost:${port}`, `[${hostname}]:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'wrong host');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!safeEqual(given, token)) return send(res, 403, 'text/plain', 'bad token');
      res.writeHead(303, { location: '/', 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` });
      res.end();
      return;
    }
    const cookie = cookieValue(req);
    if (!cookie || !safeEqual(cookie, token)) return send(res, 403, 'text/plain', 'no token');

    if (url.pathname === '/__bridge/api.js') return send(res, 200, mime['.js']!, apiScript);
    if (url.pathname === '/__bridge/changes') {
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
      return streamChanges(req, res);
    }
    if (url.pathname === '/__bridge/invoke') {
      if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 405, 'text/plain', 'POST application/json only');
      }
      const client = String(req.headers['x-tuoke-client'] ?? '');
      if (!/^[0-9a-f-]{36}$/.test(client)) return send(res, 400, 'text/plain', 'missing client id');
      let body: { channel?: unknown; input?: unknown };
      try {
        body = JSON.parse(await readBody(req)) as typeof body;
      } catch {
        return send(res, 400, 'text/plain', 'bad json');
      }
      let session = sessions.get(client);
      if (!session) {
        session = options.host.session();
        sessions.set(client, session);
      }
      const result = await options.host.invoke(session, body.channel, body.input);
      return send(res, 200, mime['.json']!, JSON.stringify(result));
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    return serveStatic(res, url.pathname);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(e));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
