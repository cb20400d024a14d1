// Sending a report: drives the encryption worker (web/src/worker.js) and
// turns its messages into progress, retry notices and a receipt. The page
// itself never sends form content: only the worker talks to the upload
// routes, and only with typage's output.

/**
 * Assumed speed before any is measured, in work units (bytes hashed +
 * encrypted + uploaded) per second, for the slowest supported case: Tor
 * Browser "Safer" (no JIT). Measured on the project's machine in Firefox ESR
 * with Safer prefs: 64 MiB took 131.7 s for 3 × 64 MiB of units, ≈ 1.5 MB/s
 * (docs/BENCHMARKS.md, "Reporter page"). Faster browsers replace it with their
 * measured rate after a few seconds.
 */
export const ASSUMED_RATE = 1.5e6;
/** Rates are measured over a sliding window of about this length. */
const WINDOW_MS = 15_000;
/** Measure for at least this long before trusting a measured rate. */
const WARMUP_MS = 3000;

/**
 * Time-left estimate for work measured in units (bytes hashed + encrypted +
 * uploaded). Until a rate has been measured for a few seconds, every unit is
 * assumed to go at ASSUMED_RATE; then the rate of the last ~15 s is used, so
 * the estimate follows the slower phases (hashing, a slow network) honestly.
 */
export class Estimator {
  constructor(now = Date.now()) {
    this.samples = [[now, 0]];
  }

  /** Seconds left for `done` of `total` units at time `now`. */
  secondsLeft(done, total, now = Date.now()) {
    const samples = this.samples;
    if (done !== samples.at(-1)[1]) samples.push([now, done]);
    while (samples.length > 2 && now - samples[1][0] >= WINDOW_MS) samples.shift();
    const [t0, d0] = samples[0];
    const span = now - t0;
    const rate = span >= WARMUP_MS && done > d0 ? ((done - d0) / span) * 1000 : ASSUMED_RATE;
    return Math.max(0, total - done) / rate;
  }
}

/**
 * Starts sending. `job` is what the worker expects (see worker.js);
 * `on` has callbacks phase(p), progress(done, total), retrying(delay),
 * resumed(), done({id, day}), error({reason, detail, sent}).
 * Returns `cancel()`, which stops everything and deletes the upload session.
 */
export function startSending(job, on) {
  let worker;
  let upload = null;
  let finished = false;

  const finish = () => {
    finished = true;
    worker?.terminate();
  };
  const fail = (reason, detail, sent) => {
    if (finished) return;
    finish();
    if (upload !== null) deleteSession(upload);
    on.error({ reason, detail, sent });
  };

  try {
    worker = new Worker("/assets/worker.js", { type: "module" });
  } catch (e) {
    queueMicrotask(() => fail("worker", String(e?.message ?? e), false));
    return () => {};
  }
  worker.onerror = (e) => {
    e.preventDefault?.();
    fail("worker", e.message || "the encryption worker failed to start", upload !== null);
  };
  worker.onmessageerror = () => fail("worker", "a message from the worker could not be read", upload !== null);
  worker.onmessage = ({ data }) => {
    if (finished) return;
    switch (data?.type) {
      case "phase":
        on.phase(data.phase);
        break;
      case "progress":
        on.progress(data.done, data.total);
        break;
      case "session":
        upload = data.upload;
        break;
      case "retrying":
        on.retrying(data.delay);
        break;
      case "resumed":
        on.resumed();
        break;
      case "done":
        finish();
        on.done({ id: data.id, day: data.day });
        break;
      case "error":
        // The worker has already deleted its session where that makes sense.
        upload = null;
        fail(data.reason, data.detail, data.sent);
        break;
      default:
        fail("worker", "unexpected message from the worker", upload !== null);
    }
  };
  try {
    worker.postMessage({ type: "start", ...job });
  } catch (e) {
    queueMicrotask(() => fail("worker", String(e?.message ?? e), false));
  }

  return function cancel() {
    if (finished) return;
    finish();
    if (upload !== null) deleteSession(upload);
  };
}

/** DELETE /api/uploads/{upload} (PROTOCOL.md §4.7), best effort: idle sessions expire anyway. */
function deleteSession(upload) {
  fetch(`/api/uploads/${upload}`, { method: "DELETE", cache: "no-store" }).catch(() => {});
}
