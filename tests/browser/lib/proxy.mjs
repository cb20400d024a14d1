// A small reverse proxy between the browser and the real relay. It is the
// browser's only origin, so it sees every request the page makes, and it
// records each one (method, path, headers, the full body bytes, the answer).
//
// It also plays the part of a hostile or broken relay when told to:
//   - rewrite the GET /api/team answer (a malformed key, a mixed key set),
//   - be "down" (answer 503, or drop the connection),
//   - hold matching requests until released (to freeze the page mid-upload).
// That is test equipment standing in for a malicious relay, not a mock of our
// code: every other request goes to the real relay binary.
import { EventEmitter } from 'node:events';
import http from 'node:http';

/** Reads a whole stream into one Buffer. */
function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * Starts the proxy in front of `target` (e.g. http://127.0.0.1:1234).
 * Returns { origin, log, events, setTarget, set rewriteTeam, set down, hold(pred), release(), close() }.
 * `log` entries: { n, method, path, headers, body: Buffer, status, response: Buffer, error }.
 * `events` emits 'request' (entry, on arrival) and 'response' (entry, once
 * the answer was fully sent to the browser).
 */
export async function startProxy(target) {
  const events = new EventEmitter();
  const log = [];
  let upstream = new URL(target);
  const held = []; // resolvers of held requests
  const state = {
    rewriteTeam: null, // (json) => json
    down: null, // null | '503' | 'drop'
    holdIf: null, // (entry) => boolean
    extra: new Map(), // test-only paths answered by the proxy itself (benchmark)
  };
  const sockets = new Set();

  const server = http.createServer(async (req, res) => {
    const entry = {
      n: log.length,
      method: req.method,
      path: req.url,
      headers: { ...req.headers },
      body: Buffer.alloc(0),
      status: null,
      response: null,
      error: null,
    };
    log.push(entry);
    try {
      entry.body = await readAll(req);
    } catch (e) {
      entry.error = `reading the request: ${e.message}`;
      return;
    }
    events.emit('request', entry);

    const extra = state.extra.get(req.url);
    if (extra !== undefined) {
      entry.status = 200;
      res.writeHead(200, { 'content-type': extra.type, 'content-length': extra.body.length, 'cache-control': 'no-store' });
      res.end(extra.body, () => events.emit('response', entry));
      return;
    }
    if (state.holdIf?.(entry)) {
      await new Promise((resolve) => held.push(resolve));
    }
    if (state.down === 'drop') {
      entry.error = 'dropped (proxy down)';
      req.socket.destroy();
      return;
    }
    if (state.down === '503') {
      entry.status = 503;
      entry.response = Buffer.from('{"error":"unavailable","message":"the relay is down (test proxy)"}');
      res.writeHead(503, { 'content-type': 'application/json', 'content-length': entry.response.length });
      res.end(entry.response, () => events.emit('response', entry));
      return;
    }

    const headers = { ...req.headers, host: upstream.host, 'content-length': String(entry.body.length) };
    delete headers['transfer-encoding'];
    delete headers.connection;
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false },
      async (upRes) => {
        let body;
        try {
          body = await readAll(upRes);
        } catch (e) {
          entry.error = `upstream answer broke: ${e.message}`;
          req.socket.destroy();
          events.emit('response', entry);
          return;
        }
        const outHeaders = { ...upRes.headers };
        delete outHeaders['transfer-encoding'];
        delete outHeaders.connection;
        if (state.rewriteTeam && req.method === 'GET' && req.url.split('?')[0] === '/api/team' && upRes.statusCode === 200) {
          body = Buffer.from(JSON.stringify(state.rewriteTeam(JSON.parse(body.toString('utf8')))));
        }
        outHeaders['content-length'] = String(body.length);
        entry.status = upRes.statusCode;
        entry.response = body;
        entry.responseHeaders = outHeaders;
        res.writeHead(upRes.statusCode, outHeaders);
        res.end(body, () => events.emit('response', entry));
      },
    );
    up.on('error', (e) => {
      // The relay is gone (killed, restarting): the browser sees a dropped connection.
      entry.error = `upstream: ${e.code ?? e.message}`;
      req.socket.destroy();
      events.emit('response', entry);
    });
    up.end(entry.body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;

  return {
    origin,
    log,
    events,
    setTarget(url) {
      upstream = new URL(url);
    },
    set rewriteTeam(fn) {
      state.rewriteTeam = fn;
    },
    set down(mode) {
      state.down = mode;
    },
    /** Answers GET `urlPath` itself (test-only files, e.g. the benchmark's typage worker). */
    serve(urlPath, type, body) {
      state.extra.set(urlPath, { type, body: Buffer.from(body) });
    },
    /** Holds every request for which `pred(entry)` is true until release(). */
    hold(pred) {
      state.holdIf = pred;
    },
    release() {
      state.holdIf = null;
      for (const r of held.splice(0)) r();
    },
    get heldCount() {
      return held.length;
    },
    /** Resolves with the first entry whose answer matches `pred` (already logged or future). */
    waitFor(pred, what = 'a matching request', timeoutMs = 600_000) {
      const seen = log.find((e) => e.status !== null && pred(e));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('response', on);
          reject(new Error(`proxy: no ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
        const on = (e) => {
          if (e.status !== null && pred(e)) {
            clearTimeout(timer);
            events.off('response', on);
            resolve(e);
          }
        };
        events.on('response', on);
      });
    },
    async close() {
      this.release();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Request entries that carry a body (the page's uploads). */
export function bodies(log) {
  return log.filter((e) => e.body.length > 0);
}

/** PUT /api/uploads/{id}/parts/{n} entries, with `upload` and `part` parsed. */
export function partPuts(log) {
  return log
    .map((e) => {
      const m = /^\/api\/uploads\/([0-9a-f]{32})\/parts\/(\d+)$/.exec(e.path);
      return m && e.method === 'PUT' ? { ...e, upload: m[1], part: Number(m[2]) } : null;
    })
    .filter((e) => e !== null);
}
