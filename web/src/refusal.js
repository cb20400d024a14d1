// The relay's refusals that pass with time (PROTOCOL.md §4.4): 429
// rate_limited and the 503s busy, too_many_uploads, storage_full and
// disk_full, each with Retry-After. The worker waits them out when the wait
// is short; otherwise the page tells the reporter when to try again.

/** The refusal codes the page explains, and the reason the worker reports for each. */
export const REFUSALS = Object.freeze({
  rate_limited: "rate_limited",
  busy: "busy",
  too_many_uploads: "busy",
  storage_full: "storage_full",
  disk_full: "disk_full",
});

/** The relay's default wait per reason, in seconds, when no Retry-After came. */
const DEFAULT_WAIT = Object.freeze({ rate_limited: 60, busy: 60, storage_full: 3600, disk_full: 600 });

/** The longest Retry-After the worker waits out before giving up: 5 minutes. */
export const RETRY_AFTER_MAX_MS = 5 * 60 * 1000;

/**
 * Seconds from a `Retry-After` header (whole seconds; an HTTP date is not
 * sent by the relay and is ignored) or, failing that, the body's
 * `retry_after`. Null when neither is usable.
 */
export function retryAfterSeconds(header, body = null) {
  if (typeof header === "string" && /^\s*\d{1,9}\s*$/.test(header)) return Number.parseInt(header, 10);
  const field = body?.retry_after;
  if (Number.isSafeInteger(field) && field >= 0 && field < 1e9) return field;
  return null;
}

/**
 * How long to wait before the next try: the back-off `delay`, or the
 * relay's Retry-After if longer. Null when that wait is longer than
 * RETRY_AFTER_MAX_MS or would end after `giveUpAt` (bounded retries).
 */
export function retryWait(delay, retryAfter, now, giveUpAt) {
  const wait = retryAfter === null ? delay : Math.max(delay, retryAfter * 1000);
  if (wait > RETRY_AFTER_MAX_MS || now + wait > giveUpAt) return null;
  return wait;
}

/**
 * The locale key and parameters that explain a failure to the reporter:
 * `error.<reason>` (or `prefix.<reason>`), with `{minutes}` to wait for the
 * refusals of §4.4 (at least 1, rounded up).
 */
export function refusalText(reason, retryAfter, prefix = "error") {
  if (!Object.hasOwn(DEFAULT_WAIT, reason)) return { key: `${prefix}.${reason}`, params: {} };
  const seconds = Number.isSafeInteger(retryAfter) && retryAfter >= 0 ? retryAfter : DEFAULT_WAIT[reason];
  return { key: `${prefix}.${reason}`, params: { minutes: Math.max(1, Math.ceil(seconds / 60)) } };
}
