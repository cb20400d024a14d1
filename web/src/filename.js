// Sanitising untrusted attachment names (docs/PROTOCOL.md §6.3) — the same
// rules as crates/cli/src/sanitize.rs, for the page's download links and
// web/scripts/mailbox.mjs --out-dir. A name from a container may hold path
// separators, control or bidirectional characters, or a device name.

/** The longest sanitised name, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 100;
/** The longest suffix (dot included) kept as an extension. */
export const MAX_EXTENSION_BYTES = 20;

const FORBIDDEN = new Set(["<", ">", ":", '"', "|", "?", "*"]);
const DEVICES = new Set([
  "CON", "PRN", "AUX", "NUL",
  ...Array.from({ length: 9 }, (_, i) => `COM${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `LPT${i + 1}`),
]);

const encoder = new TextEncoder();
const bytes = (s) => encoder.encode(s).length;

/** C0, DEL, C1 controls and the Unicode bidirectional controls of §6.3. */
function dangerous(c) {
  const cp = c.codePointAt(0);
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

const trimDotsSpaces = (s) => s.replace(/^[. ]+|[. ]+$/g, "");

function splitExtension(name) {
  const pos = name.lastIndexOf(".");
  if (pos > 0 && bytes(name.slice(pos)) <= MAX_EXTENSION_BYTES) return [name.slice(0, pos), name.slice(pos)];
  return [name, ""];
}

function truncateBytes(s, max) {
  let out = "";
  for (const c of s) {
    if (bytes(out) + bytes(c) > max) break;
    out += c;
  }
  return out;
}

function isDevice(name) {
  const base = name.split(".")[0].replace(/ +$/, "");
  return DEVICES.has(base.toUpperCase()) && /^[A-Za-z0-9]+$/.test(base);
}

function fit(stem, suffix, ext) {
  const room = Math.max(0, MAX_NAME_BYTES - bytes(suffix) - bytes(ext));
  return `${truncateBytes(stem, room).replace(/[ .]+$/, "")}${suffix}${ext}`;
}

/** One name, sanitised (§6.3); `n` (from 1) numbers the fallback `attachment-<n>`. */
export function sanitiseName(name, n) {
  const parts = String(name).split(/[/\\]/);
  const last = parts[parts.length - 1];
  const kept = Array.from(last)
    .filter((c) => !dangerous(c) && !FORBIDDEN.has(c))
    .join("");
  const trimmed = trimDotsSpaces(kept);
  if (trimmed === "") return `attachment-${n}`;
  const named = isDevice(trimmed) ? `_${trimmed}` : trimmed;
  if (bytes(named) <= MAX_NAME_BYTES) return named;
  const [stem, ext] = splitExtension(named);
  const fitted = trimDotsSpaces(fit(stem, "", ext));
  return fitted === "" ? `attachment-${n}` : fitted;
}

/** All names of one message, sanitised and unique (case-insensitively, ` (2)`, ` (3)`…). */
export function uniqueNames(names) {
  const taken = new Set();
  return names.map((name, i) => {
    const clean = sanitiseName(name, i + 1);
    let candidate = clean;
    for (let k = 2; taken.has(candidate.toLowerCase()); k++) {
      const [stem, ext] = splitExtension(clean);
      candidate = fit(stem, ` (${k})`, ext);
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
