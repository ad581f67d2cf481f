// The package's error module and the CommonJS form of its entries, with
// esbuild (pinned in package.json here), so that `require` works without
// Node's require-of-ESM (Node 20.0-20.18, or `--no-experimental-require-module`):
//   - `errors.js` and `errors.cjs`: the class (bindings/js/errors.js) with
//     bindings/npm/errors.js appended, which registers it once per process;
//   - per entry, `<entry>/node.cjs`: the entry's Node module (`node.js`,
//     minified) bundled with its glue, the shared client and host calls and
//     the inlined module; the error class stays outside, in `../errors.cjs`,
//     so that every entry throws the same one.
// esbuild rather than a hand-written conversion: maintained, widely used (Vite
// used it for years), one pinned binary, and it writes the annotation from
// which Node's `import` of a CommonJS module reads its export names.
//
// Usage: node commonjs.mjs errors PKG_DIR CLASS_SOURCE APPENDIX VERSION
//        node commonjs.mjs entry PKG_DIR ENTRY
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { build } from 'esbuild';

const [mode, pkgDir, ...rest] = process.argv.slice(2);
// Minified, class names kept (`StorefrontError`, `ClientCore`) as terser keeps them.
const commonjs = { format: 'cjs', platform: 'node', target: 'node20', minify: true, keepNames: true, logLevel: 'warning' };

if (mode === 'errors') {
  const [classSource, appendix, version] = rest;
  const declaration = 'export class StorefrontError ';
  const source = readFileSync(classSource, 'utf8');
  if (source.split(declaration).length !== 2) throw new Error(`${classSource} does not declare \`${declaration}\` once`);
  // The ES module is minified with the rest of the package (terser).
  const module = `${source.replace(declaration, 'class StorefrontError ')}\n${readFileSync(appendix, 'utf8').replaceAll('__VERSION__', version)}`;
  writeFileSync(join(pkgDir, 'errors.js'), module);
  await build({ ...commonjs, stdin: { contents: module, sourcefile: 'errors.js' }, outfile: join(pkgDir, 'errors.cjs') });
} else if (mode === 'entry') {
  const [entry] = rest;
  // `../errors.js`, imported by the entry and its glue: left to `require`,
  // as its CommonJS form.
  const sharedErrors = {
    name: 'shared-errors',
    setup(bundler) {
      bundler.onResolve({ filter: /^\.\.\/errors\.js$/ }, () => ({ path: '../errors.cjs', external: true }));
    },
  };
  await build({
    ...commonjs,
    bundle: true,
    entryPoints: [join(pkgDir, entry, 'node.js')],
    outfile: join(pkgDir, entry, 'node.cjs'),
    plugins: [sharedErrors],
  });
} else {
  throw new Error(`unknown mode ${mode}: errors or entry`);
}
