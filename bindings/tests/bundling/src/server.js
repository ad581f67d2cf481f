// The server entry of a tiny Vite SSR app (`vite build --ssr`, with
// `ssr.noExternal: true`). The bundle runs alone: `node server.js URLS EMAIL
// PASSWORD` (URLS: JSON of the mock serving each entry) prints the results
// of src/scenario.js as JSON.
import { entries } from './entries.js';
import { run } from './scenario.js';

const [urls, email, password] = process.argv.slice(2);
console.log(JSON.stringify(await run(entries, JSON.parse(urls), email, password)));
