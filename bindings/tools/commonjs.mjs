// Writes the CommonJS form of the package built in `pkg` (bindings/build.sh),
// with esbuild (pinned in package.json here), so that `require` works without
// Node's require-of-ESM (Node 20.0-20.18, or `--no-experimental-require-module`):
//   - `errors.cjs`: the error class, the one copy of it in Node;
//   - per entry, `<entry>/node.cjs`: `source` (bindings/npm/node.js with the
//     entry's name and version filled in) bundled with the entry's glue, the
//     shared client and host calls and the inlined module; the error class
//     stays outside, in `../errors.cjs`, so that every entry throws the same one;
//   - per entry, `<entry>/node.js`: what Node's `import` loads, the named
//     exports of `node.cjs` re-exported (an ES module wrapper: importing and
//     requiring the package give the same instance and the same class).
// esbuild rather than a hand-written conversion: it is the bundler Vite used
// for years, maintained, one pinned binary, and it writes the named-exports
// annotation Node reads to let `import` see a CommonJS module's names.
//
// Usage: node commonjs.mjs PKG_DIR SOURCE ENTRY VERSION  (one entry)
//        node commonjs.mjs PKG_DIR --errors                (errors.cjs)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { build } from 'esbuild';

const [pkgDir, source, entry, version] = process.argv.slice(2);
// As terser does for the ES modules: minified, class names kept.
const common = { format: 'cjs', platform: 'node', target: 'node20', minify: true, keepNames: true, logLevel: 'warning' };

if (source === '--errors') {
  await build({ ...common, entryPoints: [join(pkgDir, 'errors.js')], outfile: join(pkgDir, 'errors.cjs') });
} else {
  const entryDir = join(pkgDir, entry);
  const outfile = join(entryDir, 'node.cjs');
  // `../errors.js`, imported by the entry and its glue: left to `require`,
  // as its CommonJS form.
  const sharedErrors = {
    name: 'shared-errors',
    setup(bundler) {
      bundler.onResolve({ filter: /^\.\.\/errors\.js$/ }, () => ({ path: '../errors.cjs', external: true }));
    },
  };
  const contents = readFileSync(source, 'utf8').replaceAll('__ENTRY__', entry).replaceAll('__VERSION__', version);
  await build({
    ...common,
    stdin: { contents, resolveDir: entryDir, sourcefile: `${entry}/node.js` },
    bundle: true,
    outfile,
    plugins: [sharedErrors],
  });
  // Nothing runs at load (the module is instantiated by the first
  // `createClient`), so loading it here only reads its export names.
  const names = Object.keys(createRequire(import.meta.url)(outfile)).sort();
  writeFileSync(
    join(entryDir, 'node.js'),
    `// Entry \`storefront-accounts/${entry}\` for Node's \`import\`: its CommonJS form re-exported.\n` +
      `import entry from './node.cjs';\nexport const { ${names.join(', ')} } = entry;\n`,
  );
}
