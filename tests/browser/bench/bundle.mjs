// Bundles a benchmark's worker source with web/'s own esbuild and packages
// (typage, the page's modules), as one IIFE the page can start from a Blob.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../lib/relay.mjs';

export async function bundleWorker(source) {
  const esbuild = await import(pathToFileURL(path.join(ROOT, 'web', 'node_modules', 'esbuild', 'lib', 'main.js')).href);
  const build = esbuild.build ?? esbuild.default.build;
  const result = await build({
    stdin: { contents: source, resolveDir: path.join(ROOT, 'web'), loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].contents;
}
