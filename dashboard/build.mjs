// Bundles the dashboard into the API's web root (src/FinanceMatch.Api/wwwroot/dashboard): one script with Chart.js
// inside, the page and its style sheet. Run by the API project's MSBuild target BuildDashboard; nothing is fetched at run time.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../src/FinanceMatch.Api/wwwroot/dashboard/', import.meta.url));
await mkdir(out, { recursive: true });
await build({
  entryPoints: ['src/dashboard.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  outfile: `${out}dashboard.js`,
  legalComments: 'eof',
  logLevel: 'warning',
});
await copyFile('src/index.html', `${out}index.html`);
await copyFile('src/dashboard.css', `${out}dashboard.css`);
console.log(`dashboard built into ${out}`);
