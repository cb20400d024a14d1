// typage (web/node_modules/age-encryption, the page's pinned copy) from the
// command line, for the cross-implementation tests in tests/tests/pq_interop.rs.
//
//   node typage.mjs encrypt RECIPIENT...   stdin → age file on stdout
//   node typage.mjs decrypt KEYFILE        age file on stdin → plaintext on stdout
//   node typage.mjs recipient KEYFILE      the recipient of each identity line, one a line
//
// KEYFILE holds identity lines (AGE-SECRET-KEY-1… / AGE-SECRET-KEY-PQ-1…);
// blank and `#` lines are skipped. Secrets are never printed.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const age = await import(join(here, "../../web/node_modules/age-encryption/dist/index.js"));

function identities(file) {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.replace(/\r$/, ""))
    .filter((l) => l !== "" && !l.startsWith("#"));
}

async function stdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "encrypt") {
  const e = new age.Encrypter();
  for (const r of args) e.addRecipient(r);
  process.stdout.write(await e.encrypt(await stdin()));
} else if (cmd === "decrypt") {
  const d = new age.Decrypter();
  for (const id of identities(args[0])) d.addIdentity(id);
  process.stdout.write(await d.decrypt(await stdin()));
} else if (cmd === "recipient") {
  for (const id of identities(args[0])) console.log(await age.identityToRecipient(id));
} else {
  console.error("usage: node typage.mjs encrypt RECIPIENT... | decrypt KEYFILE | recipient KEYFILE");
  process.exit(2);
}
