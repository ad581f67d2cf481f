// What the package tests share: the package as users get it (packed with
// `npm pack`, installed into a fresh Node project), the standalone mock, its
// control endpoints, event recording, and the field lists of the `.d.ts`.
// Not a test file itself (`node --test` runs `*.test.mjs`).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const mockBinary = process.env.STOREFRONT_MOCK_BIN ?? join(repoRoot, 'target/debug/storefront-mock');
export const password = 'Password1!';

/**
 * Packs bindings/pkg and installs the tarball into a fresh project.
 * `load(specifier)` imports an entry (`storefront-accounts`,
 * `storefront-accounts/magento-rest`) from a module inside that project, so
 * that the bare specifier resolves through the package's `exports` as it
 * does for users; `dispose()` removes the project.
 */
export function installPackage() {
  const project = mkdtempSync(join(tmpdir(), 'storefront-accounts-'));
  const tarball = execFileSync('npm', ['pack', join(repoRoot, 'bindings/pkg'), '--pack-destination', project, '--silent'], {
    encoding: 'utf8',
  }).trim().split('\n').pop();
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `./${tarball}`], { cwd: project });
  let modules = 0;
  return {
    project,
    packageDir: join(project, 'node_modules/storefront-accounts'),
    async load(specifier) {
      modules += 1;
      const file = join(project, `entry-${modules}.mjs`);
      writeFileSync(file, `export * from '${specifier}';\n`);
      return import(pathToFileURL(file).href);
    },
    dispose() {
      rmSync(project, { recursive: true, force: true });
    },
  };
}

/** The mock binary does not emulate the backend asked for (exit 2 before listening). */
export class BackendUnavailable extends Error {}

/**
 * Starts the standalone mock (`args`, e.g. `['--backend', 'magento']`) on a
 * free port: `{ child, url }`. Rejects with `BackendUnavailable` when the
 * binary refuses a `--backend` it does not have (it exits 2 and names the
 * option or the backend), with an `Error` for any other failure.
 */
export async function startMock(args = []) {
  const child = spawn(mockBinary, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const firstLine = await new Promise((resolveLine, reject) => {
    createInterface({ input: child.stdout }).once('line', resolveLine);
    child.once('error', reject);
    child.once('exit', (code) => {
      const asked = args[args.indexOf('--backend') + 1];
      if (code === 2 && args.includes('--backend') && (stderr.includes('--backend') || stderr.includes(asked))) {
        reject(new BackendUnavailable(`storefront-mock ${args.join(' ')} exited 2: ${stderr.trim().split('\n')[0]}`));
      } else {
        reject(new Error(`the mock exited with ${code}: ${stderr.trim()}`));
      }
    });
  });
  const match = /^listening on (http:\/\/\S+)$/.exec(firstLine);
  assert.ok(match, `unexpected first line from the mock: ${firstLine}`);
  return { child, url: match[1] };
}

/** The mock's control endpoints (`/__mock/<path>`): GET, or POST of `body`. */
export function controller(baseUrl) {
  return {
    async call(path, body, method = body === undefined ? 'GET' : 'POST') {
      const response = await fetch(`${baseUrl}/__mock/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return text ? JSON.parse(text) : null;
    },
    delete(path) {
      return fetch(`${baseUrl}/__mock/${path}`, { method: 'DELETE' });
    },
  };
}

let emailCounter = 0;
export function uniqueEmail() {
  emailCounter += 1;
  return `user${process.pid}-${Date.now()}-${emailCounter}@example.com`;
}

/**
 * Records a client's events; `until(name)` resolves once an event of that
 * name has arrived (no fixed waits: events arrive in order, so waiting for a
 * later event also settles every earlier one).
 */
export function recordEvents(client) {
  const events = [];
  const waiters = new Set();
  const unsubscribe = client.onAuthStateChange((event, session, detail) => {
    events.push({ event, session, detail });
    for (const waiter of waiters) waiter();
  });
  const until = (name, count = 1) => new Promise((resolveEvent, reject) => {
    const check = () => {
      if (events.filter((e) => e.event === name).length < count) return;
      waiters.delete(check);
      clearTimeout(deadline);
      resolveEvent(events.findLast((e) => e.event === name));
    };
    // Only bounds a failure; a passing test never waits for it.
    const deadline = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`no ${name} event; got ${events.map((e) => e.event).join(', ')}`));
    }, 10_000);
    waiters.add(check);
    check();
  });
  return { events, unsubscribe, until };
}

/**
 * The field names an interface declares in the package's `.d.ts` files
 * (`files`: paths inside the installed package), those of what it extends
 * included, sorted: pins the types to the objects the package returns (the
 * Rust tests pin those objects to the SDK's models).
 */
export function declaredFields(packageDir, files, name) {
  const sources = files.map((file) => readFileSync(join(packageDir, file), 'utf8'));
  // `import type { AuthTokens as SharedAuthTokens }` in the entry's file
  // (the first): the local name's original.
  const aliases = new Map();
  for (const source of sources) {
    for (const [, original, local] of source.matchAll(/(\w+) as (\w+)/g)) aliases.set(local, original);
  }
  const fields = (interfaceName) => {
    const wanted = aliases.get(interfaceName) ?? interfaceName;
    // An imported name is declared in the files after the entry's own.
    for (const source of aliases.has(interfaceName) ? sources.slice(1) : sources) {
      const pattern = `export interface ${wanted}(?:<[^>{]*>)?(?: extends (\\w+)(?:<[^>{]*>)?)? \\{\\n([\\s\\S]*?)\\n\\}`;
      const match = new RegExp(pattern).exec(source);
      if (!match) continue;
      const [, base, body] = match;
      const own = [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((field) => field[1]);
      return [...(base ? fields(base) : []), ...own];
    }
    throw new Error(`no interface ${interfaceName} in ${files.join(', ')}`);
  };
  return [...new Set(fields(name))].sort();
}

/** The keys of a result, sorted. */
export function keys(object) {
  return Object.keys(object).sort();
}
