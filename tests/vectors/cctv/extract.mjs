// Writes every official age test vector (npm `cctv-age`, the CCTV testkit) to
// OUTDIR/<name>, one file each, for tests/tests/cctv.rs.
//
// Usage: node extract.mjs OUTDIR      (after `npm ci --ignore-scripts` here)
//
// A vector is a text header (`key: value` lines), a blank line, then the age
// file. A vector whose header says `compressed: zlib` is written with its age
// file inflated and that header line dropped, so every file written is the
// plain header followed by the exact bytes an age implementation reads.
// Prints the number of vectors written.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import * as vectors from "cctv-age";

const out = process.argv[2];
if (!out) {
  console.error("usage: node extract.mjs OUTDIR");
  process.exit(2);
}
mkdirSync(out, { recursive: true });

let count = 0;
for (const [name, bytes] of Object.entries(vectors)) {
  if (name === "default" || !(bytes instanceof Uint8Array)) continue;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected vector name ${JSON.stringify(name)}`);
  // The header ends at the first empty line.
  let end = -1;
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) {
      end = i + 1;
      break;
    }
  }
  if (end < 0) throw new Error(`vector ${name} has no blank line after its header`);
  const lines = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end)).split("\n");
  lines.pop(); // the empty string after the last newline
  let body = bytes.subarray(end + 1);
  const compressed = lines.find((l) => l.startsWith("compressed: "));
  if (compressed === "compressed: zlib") {
    body = inflateSync(body);
  } else if (compressed !== undefined) {
    throw new Error(`vector ${name}: unknown ${compressed}`);
  }
  const header = lines.filter((l) => !l.startsWith("compressed: ")).join("\n") + "\n\n";
  writeFileSync(join(out, name), Buffer.concat([Buffer.from(header, "utf-8"), body]));
  count++;
}
console.log(`${count} vectors written to ${out}`);
