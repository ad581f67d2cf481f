// The README's "Server-side rendering" recipe, as users get the package
// (packed, installed into a fresh Node project): a Node HTTP server makes one
// client per request whose storage reads the request's Cookie header and
// writes Set-Cookie on the response. A browser's cookie jar carries the
// session from request to request; when the access token has expired on the
// server, one request refreshes it and writes the new tokens back, and the
// next request uses them without another refresh.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';

import { controller, installPackage, password, startMock, uniqueEmail } from './harness.mjs';

let installed;
let mock;
let mockControl;
let sdk;
let app;
let appUrl;

const COOKIE = 'sf_session';

// ---- the recipe (bindings/npm/README.md, "Server-side rendering") ----------

/** A session storage over one request's cookies (`cookies`: get, set, delete). */
function cookieStorage(cookies) {
  return {
    getItem: (key) => cookies.get(key) ?? null,
    setItem: (key, value) => cookies.set(key, value, {
      httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 30 * 24 * 3600,
    }),
    removeItem: (key) => cookies.delete(key),
  };
}

/** Cookies of a plain Node request and response (frameworks bring their own). */
function nodeCookies(request, response) {
  const jar = new Map();
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at).trim(), decodeURIComponent(pair.slice(at + 1).trim()));
  }
  const written = new Map();
  const write = (name, header) => {
    written.set(name, header);
    response.setHeader('Set-Cookie', [...written.values()]);
  };
  return {
    get: (name) => jar.get(name),
    set(name, value, { httpOnly, secure, sameSite, path, maxAge }) {
      jar.set(name, value);
      write(name, [
        `${name}=${encodeURIComponent(value)}`, `Path=${path}`, `Max-Age=${maxAge}`, `SameSite=${sameSite}`,
        ...(httpOnly ? ['HttpOnly'] : []), ...(secure ? ['Secure'] : []),
      ].join('; '));
    },
    delete(name) {
      jar.delete(name);
      write(name, `${name}=; Path=/; Max-Age=0`);
    },
  };
}

// ---- the app: one client per request ---------------------------------------

function startApp() {
  const server = createServer(async (request, response) => {
    const client = sdk.createClient({
      baseUrl: mock.url,
      publishableKey: 'pk_test',
      storage: cookieStorage(nodeCookies(request, response)),
      storageKey: COOKIE,
    });
    try {
      let body = '';
      for await (const chunk of request) body += chunk;
      if (request.url === '/login') {
        await client.auth.login(JSON.parse(body));
        response.writeHead(204).end();
      } else if (request.url === '/logout') {
        await client.auth.logout();
        response.writeHead(204).end();
      } else {
        const me = await client.customer.get();
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ email: me.email }));
      }
    } catch (error) {
      // Signed out: `unauthenticated`, with no HTTP status (nothing was sent).
      const status = error.code === 'unauthenticated' ? 401 : error.status ?? 500;
      response.writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: error.code }));
    } finally {
      client.dispose();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- the browser: a cookie jar ---------------------------------------------

function browser() {
  const jar = new Map();
  return {
    jar,
    async fetch(path, init = {}) {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(`${appUrl}${path}`, { ...init, headers: { ...init.headers, cookie } });
      const setCookies = response.headers.getSetCookie();
      for (const header of setCookies) {
        const [pair, ...attributes] = header.split('; ');
        const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        if (attributes.includes('Max-Age=0')) jar.delete(name);
        else jar.set(name, value);
      }
      return { status: response.status, body: await response.text(), setCookies };
    },
    /** The session record in the cookie (the SDK's versioned JSON). */
    session() {
      return jar.has(COOKIE) ? JSON.parse(decodeURIComponent(jar.get(COOKIE))) : null;
    },
  };
}

before(async () => {
  installed = installPackage();
  sdk = await installed.load('storefront-accounts');
  const { child, url } = await startMock();
  mock = { child, url };
  mockControl = controller(url);
  app = await startApp();
  appUrl = `http://127.0.0.1:${app.address().port}`;
});

after(() => {
  app?.close();
  mock?.child.kill('SIGTERM');
  installed?.dispose();
});

async function refreshes() {
  const { requests } = await mockControl.call('requests');
  return requests.filter((request) => request.path === '/api/v3/store/auth/refresh').length;
}

describe('cookie storage for server-side rendering', () => {
  test('the session lives in a cookie across requests; a refresh writes the new tokens back', async () => {
    const email = uniqueEmail();
    const registering = sdk.createClient({ baseUrl: mock.url, publishableKey: 'pk_test' });
    await registering.customers.create({ email, password, password_confirmation: password });
    registering.dispose();

    const visitor = browser();
    assert.equal((await visitor.fetch('/account')).status, 401, 'signed out without the cookie');
    const login = await visitor.fetch('/login', { method: 'POST', body: JSON.stringify({ email, password }) });
    assert.equal(login.status, 204);
    assert.match(login.setCookies[0], /^sf_session=.+; Path=\/; Max-Age=2592000; SameSite=lax; HttpOnly; Secure$/);
    // Within what every browser keeps of one cookie.
    assert.ok(login.setCookies[0].length < 4096, `${login.setCookies[0].length} bytes`);
    const signedIn = visitor.session();
    assert.equal(signedIn.v, 1);

    // A second request reads the session from the cookie and changes nothing.
    const account = await visitor.fetch('/account');
    assert.deepEqual([account.status, JSON.parse(account.body)], [200, { email }]);
    assert.deepEqual(account.setCookies, []);

    // The access token expires on the server: one request refreshes and
    // writes the rotated tokens back; the next uses them as they are.
    await mockControl.call('clock', { advance_seconds: 3700 });
    await mockControl.delete('requests');
    const refreshed = await visitor.fetch('/account');
    assert.deepEqual([refreshed.status, JSON.parse(refreshed.body)], [200, { email }]);
    assert.equal(refreshed.setCookies.length, 1);
    const rotated = visitor.session();
    assert.notEqual(rotated.access, signedIn.access);
    assert.notEqual(rotated.refresh, signedIn.refresh);
    assert.equal(await refreshes(), 1);
    const after = await visitor.fetch('/account');
    assert.equal(after.status, 200);
    assert.deepEqual(after.setCookies, []);
    assert.equal(await refreshes(), 1);

    // Logout clears the cookie.
    const logout = await visitor.fetch('/logout', { method: 'POST' });
    assert.equal(logout.status, 204);
    assert.equal(visitor.session(), null);
    assert.equal((await visitor.fetch('/account')).status, 401);
  });
});
