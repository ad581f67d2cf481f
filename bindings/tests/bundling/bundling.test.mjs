// The packed package as bundlers and CommonJS programs see it, every entry:
//   - a Vite SSR app (`vite build --ssr`, `ssr.noExternal: true`) whose
//     server bundle, moved away from node_modules, calls the mock; the same
//     app under Vite's dev server;
//   - a CommonJS script, run with require-of-ESM turned off, calling the mock,
//     with one error class and one instance beside `import`;
//   - tsc over a `.cts` file under `module: node16` and `nodenext`;
//   - browser bundles (Vite) that import only the error class, or only types:
//     no WebAssembly, at most 5 KB gz.
//
// Needs the package unpacked into node_modules here (scripts/wasm-test.sh,
// stage pack), `npm ci` here and in ../types (tsc), and the mock binary
// (STOREFRONT_MOCK_BIN).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

import { build, createServer } from 'vite';

import { password, startMock, uniqueEmail } from '../node/harness.mjs';
import { publishableKey } from './src/scenario.js';

const here = import.meta.dirname;
const run = promisify(execFile);
const entries = ['spree', 'magento-rest', 'magento-graphql', 'spryker', 'bagisto'];
// The mock's emulation serving each entry.
const backends = {
  spree: [],
  'magento-rest': ['--backend', 'magento'],
  'magento-graphql': ['--backend', 'magento'],
  spryker: ['--backend', 'spryker'],
  bagisto: ['--backend', 'bagisto', '--publishable-key', publishableKey],
};
const mocks = [];
const urls = {};
const scratch = mkdtempSync(join(tmpdir(), 'storefront-accounts-bundling-'));

before(async () => {
  for (const entry of entries) {
    const mock = await startMock(backends[entry]);
    mocks.push(mock.child);
    urls[entry] = mock.url;
  }
});

after(() => {
  for (const mock of mocks) mock.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
});

/** What src/scenario.js must report: the customer, and a refused login on each entry, all one class. */
function assertScenario(results, email) {
  assert.equal(results.customer, email);
  for (const entry of entries) {
    assert.deepEqual(results[entry], { code: 'authentication_failed', sharedClass: true }, entry);
  }
}

/** The files of a directory, recursively, relative to it. */
function filesOf(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((file) => file.isFile())
    .map((file) => join(file.parentPath, file.name));
}

describe('bundling for the server', () => {
  test('vite build --ssr with ssr.noExternal: the server bundle runs alone and calls the mock with every entry', async () => {
    const outDir = join(scratch, 'ssr-build');
    await run(join(here, 'node_modules/.bin/vite'), ['build', '--ssr', 'src/server.js', '--outDir', outDir], { cwd: here });
    const files = filesOf(outDir);
    assert.deepEqual(files.filter((file) => !file.endsWith('.js')), [], 'the bundle is JavaScript only');
    const code = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    assert.doesNotMatch(code, /["']storefront-accounts[/"']/, 'the package is bundled, not imported');
    // Away from node_modules: only the bundle and Node's own modules.
    const deployed = join(scratch, 'ssr-deployed');
    cpSync(outDir, deployed, { recursive: true });
    const email = uniqueEmail();
    const { stdout } = await run(process.execPath, [join(deployed, 'server.js'), JSON.stringify(urls), email, password]);
    assertScenario(JSON.parse(stdout), email);
  });

  test('the Vite dev server with ssr.noExternal loads every entry and calls the mock', async () => {
    const server = await createServer({
      root: here,
      logLevel: 'warn',
      server: { middlewareMode: true, hmr: false, ws: false },
      appType: 'custom',
    });
    try {
      const { entries: loaded } = await server.ssrLoadModule('/src/entries.js');
      const { run: scenario } = await server.ssrLoadModule('/src/scenario.js');
      const email = uniqueEmail();
      assertScenario(await scenario(loaded, urls, email, password), email);
    } finally {
      await server.close();
    }
  });
});

describe('CommonJS', () => {
  test('require() of every entry with require-of-ESM turned off calls the mock; import() has the same error class', async () => {
    const email = uniqueEmail();
    const { stdout } = await run(process.execPath, [
      '--no-experimental-require-module',
      join(here, 'commonjs/client.cjs'),
      JSON.stringify(urls),
      email,
      password,
    ]);
    const results = JSON.parse(stdout);
    assertScenario(results, email);
    assert.equal(results.oneErrorClass, true);
    assert.equal(results.requireOfEsmOff, true);
  });

  for (const module of ['node16', 'nodenext']) {
    test(`tsc compiles a .cts file that requires the package under module ${module}`, async () => {
      const tsc = join(here, '../types/node_modules/.bin/tsc');
      const result = await run(tsc, ['-p', 'commonjs', '--module', module, '--moduleResolution', module], { cwd: here }).catch(
        (error) => error,
      );
      assert.equal(result.code ?? 0, 0, `${result.stdout}${result.stderr}`);
    });
  }
});

describe('tree-shaking in a browser bundle (Vite)', () => {
  const budget = 5 * 1024;
  // A run of base64 longer than any identifier or string of the package's
  // JavaScript: the inlined module.
  const payload = /[A-Za-z0-9+/]{512,}/;

  /** Builds `src/<input>` for browsers: its JavaScript and the gzip size of it. */
  async function bundle(input) {
    const outDir = join(scratch, `browser-${input}`);
    await build({
      root: here,
      configFile: false,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, rollupOptions: { input: join(here, 'src', input) } },
    });
    const files = filesOf(outDir);
    const code = files.filter((file) => file.endsWith('.js')).map((file) => readFileSync(file, 'utf8')).join('\n');
    return { files, code, gz: gzipSync(code, { level: 9 }).length };
  }

  function assertNoWasm({ files, code, gz }) {
    assert.deepEqual(files.filter((file) => !file.endsWith('.js')), [], 'only JavaScript is emitted');
    assert.doesNotMatch(code, payload, 'no inlined module');
    assert.doesNotMatch(code, /WebAssembly/);
    assert.ok(gz <= budget, `${gz} bytes gz, over ${budget}`);
  }

  test('a bundle that creates a client ships the module (the checks below see it)', async () => {
    const { code, gz } = await bundle('with-client.js');
    assert.match(code, payload);
    assert.ok(gz > budget);
  });

  test('the error class alone: no WebAssembly, at most 5 KB gz', async (t) => {
    const result = await bundle('error-only.js');
    // The class, under a minified name: its own fields are there.
    assert.match(result.code, /extends Error[^]*retryAfter/, 'the class is in the bundle');
    assertNoWasm(result);
    t.diagnostic(`error class only: ${result.gz} bytes gz`);
  });

  test('types alone: no WebAssembly, at most 5 KB gz', async (t) => {
    const result = await bundle('types-only.ts');
    assertNoWasm(result);
    t.diagnostic(`types only: ${result.gz} bytes gz`);
  });
});
