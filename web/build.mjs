// Builds the reporter page into dist/ (docs/PROTOCOL.md §4.8), reproducibly:
// `npm ci && npm run build` gives the same bytes on any machine, so anyone can
// check that a relay serves exactly the published bundle.
//
//   dist/index.html               web/page/index.html, {{locale:key}} filled in
//   dist/assets/app.js            web/src/page/app.js, bundled
//   dist/assets/worker.js         web/src/worker.js, bundled (typage inside)
//   dist/assets/style.css         web/page/style.css
//   dist/assets/locales/*.json    web/locales/*.json
//   dist/SHA256SUMS               "<sha256>  <path>\n" per file above, sorted by path
//
// Reproducible: fixed esbuild options, no timestamps, no source maps, paths
// relative to this folder, files written in a fixed order.

import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, "dist");
const LOCALES = ["en", "zh-CN"];

/** esbuild options: readable output for auditors, nothing machine-dependent. */
const ESBUILD = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  target: "es2020",
  platform: "browser",
  minify: false,
  legalComments: "inline",
  charset: "utf8",
  sourcemap: false,
  write: false,
  logLevel: "warning",
};

async function bundle(entry) {
  const result = await esbuild.build({ ...ESBUILD, entryPoints: [entry], outfile: "out.js" });
  if (result.outputFiles.length !== 1) throw new Error(`${entry}: expected one output file`);
  return result.outputFiles[0].contents;
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** index.html with every {{locale:key}} replaced by the escaped string; unknown keys fail the build. */
function fillHtml(template, tables) {
  return template.replace(/\{\{([A-Za-z-]+):([a-z0-9_.]+)\}\}/g, (whole, locale, key) => {
    const text = tables[locale]?.[key];
    if (typeof text !== "string") throw new Error(`index.html: no string ${key} in locale ${locale}`);
    return escapeHtml(text);
  });
}

async function main() {
  const tables = {};
  const files = new Map(); // dist-relative path -> bytes
  for (const locale of LOCALES) {
    const bytes = await readFile(path.join(root, "locales", `${locale}.json`));
    tables[locale] = JSON.parse(bytes.toString("utf8"));
    files.set(`assets/locales/${locale}.json`, bytes);
  }
  const template = await readFile(path.join(root, "page", "index.html"), "utf8");
  files.set("index.html", Buffer.from(fillHtml(template, tables), "utf8"));
  files.set("assets/style.css", await readFile(path.join(root, "page", "style.css")));
  files.set("assets/app.js", await bundle("src/page/app.js"));
  files.set("assets/worker.js", await bundle("src/worker.js"));

  const sorted = [...files.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const sums = sorted
    .map((p) => `${createHash("sha256").update(files.get(p)).digest("hex")}  ${p}\n`)
    .join("");

  await rm(dist, { recursive: true, force: true });
  for (const p of sorted) {
    await mkdir(path.dirname(path.join(dist, p)), { recursive: true });
    await writeFile(path.join(dist, p), files.get(p));
  }
  await writeFile(path.join(dist, "SHA256SUMS"), sums);

  const digest = createHash("sha256").update(sums).digest("hex");
  const listed = await readdir(dist, { recursive: true });
  console.log(`built ${listed.length} entries in dist/; bundle_sha256 ${digest}`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
