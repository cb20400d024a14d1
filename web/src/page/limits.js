// Sizes: how large the encrypted report will be, and how many bytes of
// attachments fit under the relay's max_body_bytes (PROTOCOL.md §2 E5, E6, E8).

import { MANIFEST_MAX, paddedLen } from "../container.js";

/** Plaintext bytes per STREAM chunk, and the tag added to each (c2sp.org/age). */
const CHUNK = 65_536;
const TAG = 16;
/** Bytes of container framing around the manifest (§1.1). */
const FIXED = 17;

/** The largest header the relay accepts for `count` recipients of `stanzaType` (E5). */
export function headerMax(stanzaType, count) {
  return 64 + count * (stanzaType === "mlkem768x25519" ? 1600 : 128);
}

/** Ciphertext length of an age file with a `plain`-byte payload and a `header`-byte header. */
export function ciphertextLength(plain, header) {
  return header + TAG + plain + TAG * Math.max(1, Math.ceil(plain / CHUNK));
}

/**
 * The most attachment bytes that always fit under `maxBody`, whatever the
 * text of the form (the manifest is counted at its largest, 64 KiB), after
 * padding (§1.3) and encryption for `count` recipients. Padding is monotonic,
 * so a binary search finds the exact bound.
 */
export function maxAttachmentBytes(maxBody, stanzaType, count) {
  const header = headerMax(stanzaType, count);
  const fits = (t) => ciphertextLength(paddedLen(FIXED + MANIFEST_MAX + t), header) <= maxBody;
  if (!fits(0)) return 0;
  let lo = 0;
  let hi = Math.max(0, maxBody);
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
