// The "Check my report" view (docs/PROTOCOL.md §8): the reporter types the
// codename, the page reads the mailbox in a worker (web/src/worker.js —
// derive, list, fetch, decrypt, verify), shows the thread, and sends
// follow-ups through the same upload path as a report (progress, resume,
// cancel). Everything from the relay is hostile: text is set with
// textContent only, attachments are offered as downloads of
// application/octet-stream Blobs under sanitised names (§6.3), and an item
// that does not decrypt or verify is shown as "a message that could not be
// read", never as content.
//
// Nothing is stored: the codename lives in this module's memory while the
// thread is open, and "Leave" drops it, the thread and every Blob URL.
//
// The page remembers nothing about the report, so the follow-up form shows
// the team again with the same "Do not send to this person" choice and the
// same minimum rule as the report (web/src/page/members.js); the follow-up is
// encrypted only to the investigators chosen, and to the reporter's reply key
// (PROTOCOL.md §8.4). The choice lasts while the thread is open.

import { uniqueNames } from "../filename.js";
import { FileList, MAX_FILES } from "./form.js";
import { formatDay, formatNumber, formatPercent, formatSize, t, locale } from "./i18n.js";
import { maxAttachmentBytes } from "./limits.js";
import { refusalText } from "../refusal.js";
import { readMailbox, startSending } from "./submit.js";
import { SelectionError, selectInvestigators } from "../selection.js";
import { renderMembers, toggleExclusion } from "./members.js";

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
/** The longest follow-up message (PROTOCOL.md §1.2: a field value). */
const MESSAGE_MAX_BYTES = 32_768;
/** Items read when the team's max_body_bytes is not known yet. */
const DEFAULT_ITEM_BYTES = 256 * 1024 * 1024;

/** States and outcomes with labels in the locale files (§8.4). */
const STATES = ["received", "acknowledged", "investigating", "need_more_information", "closed"];
const OUTCOMES = ["substantiated", "not_substantiated", "inconclusive", "resolved", "withdrawn", "referred"];

let ctx = null; // {show, setError, setNotice, team(), teamError(), loadTeam(), localDay()}
const check = {
  codename: null, // while the thread is open
  receipt: "", // the receipt line the reporter pasted (§10.6), while the thread is open
  log: null, // the worker's log check: {ok, verified, size, extendsReceipt} | {ok: false, code}
  items: null, // the thread as the worker gave it
  urls: [], // Blob URLs to revoke
  loads: 0, // completed loads (a test hook: #thread-box[data-loads])
  reading: null, // cancels the running read
  sending: null, // cancels the running follow-up
  progress: null, // {done, total} of the follow-up
  files: null, // FileList of the follow-up
  codenameError: null, // {key, params}
  followupError: null, // key
  followupParams: {}, // its parameters ({minutes} of a §4.4 refusal)
  excluded: new Set(), // investigator ids the follow-up is not sent to
  minReached: false, // the minimum rule refused the last tick
};

/** Wires the view; `context` gives what the page shares with it. */
export function initCheck(context) {
  ctx = context;
  check.files = new FileList({
    input: $("followup-files"),
    zone: $("followup-dropzone"),
    onChange: renderFollowupFiles,
    onTooMany: () => {
      $("followup-files-error").hidden = false;
      $("followup-files-error").textContent = t("files.too_many", { max: formatNumber(MAX_FILES) });
    },
  });
  $("check-form").addEventListener("submit", onOpen);
  $("check-back").addEventListener("click", () => leave());
  $("check-leave").addEventListener("click", () => leave());
  $("thread-refresh").addEventListener("click", () => load());
  $("followup-form").addEventListener("submit", onSend);
  $("followup-cancel").addEventListener("click", onCancel);
}

/** Shows the view with an empty codename field. */
export function openCheck() {
  reset();
  ctx.setError(null);
  ctx.show("check");
}

/** Re-renders the language-dependent parts (after a language switch). */
export function renderCheck() {
  renderCodenameError();
  renderThread();
  renderFollowupTeam();
  renderFollowupFiles();
  renderFollowupProgress();
  renderFollowupError();
}

// ---------------------------------------------------------------------------
// Opening

function onOpen(event) {
  event.preventDefault();
  if (check.reading !== null) return;
  const typed = $("codename-input").value;
  check.receipt = $("receipt-input").value.trim().slice(0, 200);
  check.codenameError = null;
  renderCodenameError();
  ctx.setError(null);
  $("check-open").disabled = true;
  $("check-status").textContent = t("check.opening");
  read(typed, {
    opened() {
      // The codename is now only in memory; the field is cleared.
      check.codename = typed;
      $("codename-input").value = "";
      $("receipt-input").value = "";
      $("check-open-box").hidden = true;
      $("thread-box").hidden = false;
      $("check-status").textContent = "";
      $("thread-heading").focus();
    },
    refused(err) {
      $("check-status").textContent = "";
      check.codenameError =
        err.code === "unknown_word"
          ? { key: "check.err.unknown_word", params: { position: formatNumber(err.position ?? 0) } }
          : err.found === 0
            ? { key: "check.err.empty", params: {} }
            : { key: "check.err.word_count", params: { found: formatNumber(err.found ?? 0) } };
      renderCodenameError();
      $("codename-input").focus();
    },
    done() {
      $("check-open").disabled = false;
    },
  });
}

function renderCodenameError() {
  const box = $("codename-input-error");
  const input = $("codename-input");
  const e = check.codenameError;
  box.hidden = e === null;
  box.textContent = e === null ? "" : t(e.key, e.params);
  if (e === null) {
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", "codename-input-hint");
  } else {
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", "codename-input-hint codename-input-error");
  }
}

/** Reads the mailbox of `codename`; `on`: opened(), refused(err), done(). */
function read(codename, on) {
  const box = $("thread-box");
  box.dataset.state = "loading";
  setThreadStatus("check.loading");
  const team = ctx.team();
  check.reading = readMailbox(codename, check.receipt, team?.maxBodyBytes ?? DEFAULT_ITEM_BYTES, {
    reading(done, total) {
      if (total > 0) setThreadStatus("check.loading_count", { done: formatNumber(done), total: formatNumber(total) });
    },
    thread(items, log) {
      check.reading = null;
      on.opened?.();
      check.log = log;
      showThread(items);
      on.done?.();
    },
    codename(err) {
      check.reading = null;
      box.dataset.state = "idle";
      on.refused?.(err);
      on.done?.();
    },
    error({ reason, detail }) {
      check.reading = null;
      box.dataset.state = "error";
      setThreadStatus(null);
      $("check-status").textContent = "";
      const key = reason === "mailbox_network" ? "error.mailbox_network" : reason === "worker" ? "error.worker" : "error.mailbox_rejected";
      ctx.setError(key, detail || null);
      on.done?.();
    },
  });
}

/** Reads the thread again (after a follow-up, or on "Refresh"). */
function load() {
  if (check.codename === null || check.reading !== null) return;
  $("thread-refresh").disabled = true;
  read(check.codename, {
    done() {
      $("thread-refresh").disabled = false;
    },
  });
}

let statusKey = null;
let statusParams = {};
function setThreadStatus(key, params = {}) {
  statusKey = key;
  statusParams = params;
  $("thread-status").textContent = key === null ? "" : t(key, params);
}

// ---------------------------------------------------------------------------
// The thread

function showThread(items) {
  // At most 1 000 items come from the worker (it checked the listing); keep
  // the bound here too, in case of a worker bug.
  check.items = items.slice(0, 1000);
  check.loads += 1;
  renderThread();
  const box = $("thread-box");
  box.dataset.state = "ready";
  box.dataset.loads = String(check.loads);
  setThreadStatus(check.items.length === 0 ? "check.empty" : "check.count", { count: formatNumber(check.items.length) });
}

function revokeUrls() {
  for (const url of check.urls) URL.revokeObjectURL(url);
  check.urls = [];
}

function renderThread() {
  if (statusKey !== null) $("thread-status").textContent = t(statusKey, statusParams);
  const list = $("thread");
  revokeUrls();
  const items = check.items ?? [];
  $("thread-empty").hidden = check.items === null || items.length > 0;
  list.replaceChildren(...items.map(threadItem));
  renderLog();
}

/** The log check's outcome (§10.6), in plain words. */
function renderLog() {
  const box = $("thread-log");
  const log = check.log;
  box.className = "";
  box.dataset.result = log === null ? "" : log.ok ? "verified" : log.code;
  if (log === null) {
    box.textContent = "";
  } else if (log.ok && !log.extendsReceipt && log.verified === 0) {
    // An empty mailbox and no receipt: nothing was checked, nothing to say
    // (and a mistyped codename still looks exactly like an empty mailbox).
    box.textContent = "";
  } else if (log.ok) {
    const key = !log.extendsReceipt ? "check.log.ok" : log.verified > 0 ? "check.log.ok_receipt" : "check.log.receipt_only";
    box.textContent = t(key, { verified: formatNumber(log.verified) });
    box.className = "notice";
  } else if (log.code === "bad_receipt") {
    box.textContent = t("check.log.bad_receipt");
    box.className = "field-error";
  } else if (log.code === "log_unavailable" || log.code === "incomplete") {
    box.textContent = t("check.log.unavailable");
    box.className = "notice";
  } else {
    box.textContent = t("check.log.failed", { code: log.code });
    box.className = "field-error";
  }
}

function text(tag, content, className = null, testid = null) {
  const el = document.createElement(tag);
  el.textContent = content; // never HTML
  if (className) el.className = className;
  if (testid) el.dataset.testid = testid;
  return el;
}

function threadItem(item) {
  const li = document.createElement("li");
  li.dataset.testid = "thread-item";
  li.dataset.kind = item.kind;
  li.dataset.state = item.ok ? "ok" : "unreadable";
  li.className = `item item-${item.kind}`;
  const title = document.createElement("h3");
  title.append(text("span", t(`check.kind.${item.kind}`), "item-title"), " ");
  const day = document.createElement("time");
  day.className = "item-day";
  day.dateTime = item.day;
  day.textContent = formatDay(item.day);
  title.append(day);
  li.append(title);
  if (!item.ok) {
    li.append(text("p", t("check.unreadable"), "unreadable", "unreadable"));
    return li;
  }
  const f = item.fields ?? {};
  if (item.kind === "status") {
    if (STATES.includes(f.state)) {
      li.append(text("p", t(`status.state.${f.state}`), "state", "status-state"));
      li.dataset.statusState = f.state;
    }
    if (OUTCOMES.includes(f.outcome)) {
      li.append(text("p", t("status.outcome", { outcome: t(`status.outcome.${f.outcome}`) }), "outcome", "status-outcome"));
      li.append(text("p", t(`status.outcome.${f.outcome}.explain`), "hint", "status-outcome-explain"));
      li.dataset.statusOutcome = f.outcome;
    }
    if (typeof f.note === "string" && f.note !== "") li.append(text("p", f.note, "message prewrap", "status-note"));
  } else if (typeof f.message === "string" && f.message !== "") {
    li.append(text("p", f.message, "message prewrap", "message"));
  }
  const attachments = Array.isArray(item.attachments) ? item.attachments.slice(0, 64) : [];
  if (attachments.length > 0) {
    const names = uniqueNames(attachments.map((a) => a.name));
    const ul = document.createElement("ul");
    ul.className = "files";
    attachments.forEach((a, i) => {
      const row = document.createElement("li");
      row.dataset.testid = "attachment";
      const link = document.createElement("a");
      link.dataset.testid = "download";
      // Never rendered: a download of opaque bytes, whatever type it claims.
      const blob = a.blob instanceof Blob ? new Blob([a.blob], { type: "application/octet-stream" }) : new Blob([]);
      const url = URL.createObjectURL(blob);
      check.urls.push(url);
      link.href = url;
      link.download = names[i];
      link.rel = "noopener";
      // The SHA-256 the container listed, which the worker checked against
      // these very bytes (a test hook: a Blob URL cannot be fetched under the
      // page's CSP, connect-src 'self').
      if (typeof a.sha256 === "string" && /^[0-9a-f]{64}$/.test(a.sha256)) link.dataset.sha256 = a.sha256;
      link.textContent = names[i];
      link.setAttribute("aria-label", t("check.download", { name: names[i], size: formatSize(a.size) }));
      row.append(link, " ", text("span", formatSize(a.size), "size"));
      ul.append(row);
    });
    li.append(ul);
  }
  return li;
}

// ---------------------------------------------------------------------------
// Follow-up

function followupLimit() {
  const team = ctx.team();
  if (team === null) return null;
  const count = team.investigators.length - excludedOf(team).size;
  return maxAttachmentBytes(team.maxBodyBytes, team.stanzaType, Math.max(1, count) + 1);
}

/**
 * The exclusions that apply to `team`: an id the team no longer lists (after
 * a reload of the keyset) is dropped. Nobody excluded is ever put back
 * silently: if the team now needs more investigators than remain, sending is
 * refused with the minimum-rule message until the reporter unticks someone.
 */
function excludedOf(team) {
  const ids = new Set(team.investigators.map((inv) => inv.id));
  for (const id of check.excluded) if (!ids.has(id)) check.excluded.delete(id);
  return check.excluded;
}

/** The team list of the follow-up form, with its "Do not send to this person" boxes (§8.4). */
function renderFollowupTeam() {
  const team = ctx.team();
  $("followup-team-box").hidden = team === null;
  if (team === null) return;
  const excluded = excludedOf(team);
  const total = team.investigators.length;
  $("followup-team-min").textContent = t("followup.team.min", {
    min: formatNumber(team.minRecipients),
    max: formatNumber(total - team.minRecipients),
  });
  renderMembers($("followup-team-list"), team, excluded, {
    prefix: "followup-",
    testid: "followup-member",
    minId: "followup-team-min",
    onToggle: onFollowupExclude,
  });
  const sending = $("followup-form").dataset.state === "sending";
  for (const box of $("followup-team-list").querySelectorAll("input[type=checkbox]")) box.disabled = sending;
  $("followup-team-count").textContent = t("team.count", {
    count: formatNumber(total - excluded.size),
    total: formatNumber(total),
  });
  $("followup-team-min-reached").hidden = !check.minReached;
  $("followup-team-min-reached").textContent = check.minReached
    ? t("team.min_reached", { min: formatNumber(team.minRecipients) })
    : "";
}

function onFollowupExclude(id, box) {
  const team = ctx.team();
  if (team === null) return;
  check.minReached = toggleExclusion(team, excludedOf(team), id, box);
  renderFollowupTeam();
  renderFollowupFiles();
}

function renderFollowupFiles() {
  const files = check.files.files;
  const limit = followupLimit();
  $("followup-files-limit").textContent = limit === null ? "" : t("files.limit", { limit: formatSize(limit) });
  $("followup-file-list").replaceChildren(
    ...files.map((file, i) => {
      const li = document.createElement("li");
      li.dataset.testid = "followup-file";
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "small";
      remove.textContent = t("files.remove");
      remove.setAttribute("aria-label", t("files.remove_named", { name: file.name }));
      remove.disabled = check.sending !== null;
      remove.addEventListener("click", () => {
        check.files.remove(i);
        const buttons = $("followup-file-list").querySelectorAll("button");
        (buttons[Math.min(i, buttons.length - 1)] ?? $("followup-files")).focus();
      });
      li.append(text("span", file.name, "name"), text("span", formatSize(file.size), "size"), remove);
      return li;
    }),
  );
  const tooLarge = limit !== null && check.files.size > limit;
  $("followup-files-error").hidden = !tooLarge;
  $("followup-files-error").textContent = tooLarge
    ? t("files.too_large", { size: formatSize(check.files.size), limit: formatSize(limit) })
    : "";
}

function renderFollowupError() {
  const box = $("followup-error");
  box.hidden = check.followupError === null;
  box.textContent = check.followupError === null ? "" : t(check.followupError, check.followupParams);
}

function setFollowupError(key, params = {}) {
  check.followupError = key;
  check.followupParams = params;
  renderFollowupError();
}

function onSend(event) {
  event.preventDefault();
  if (check.sending !== null || check.codename === null) return;
  setFollowupError(null);
  const message = $("followup-message").value;
  const trimmed = message.trim();
  if (trimmed === "" && check.files.files.length === 0) {
    setFollowupError("followup.err.empty");
    $("followup-message").focus();
    return;
  }
  if (encoder.encode(trimmed).length > MESSAGE_MAX_BYTES) {
    setFollowupError("followup.err.too_long");
    $("followup-message").focus();
    return;
  }
  const team = ctx.team();
  if (team === null) {
    if (ctx.teamError()?.reason === "error.keys_mixed") {
      // A keyset that mixes X25519 and post-quantum keys is never used (§3).
      setFollowupError("error.keys_mixed");
      return;
    }
    setFollowupError("followup.err.team");
    ctx.loadTeam();
    return;
  }
  // Only the investigators the reporter did not exclude (§8.4).
  let chosen;
  try {
    chosen = selectInvestigators(team.investigators, excludedOf(team), team.minRecipients);
  } catch (e) {
    if (!(e instanceof SelectionError)) throw e;
    check.minReached = true;
    renderFollowupTeam();
    return;
  }
  const limit = followupLimit();
  if (check.files.size > limit) {
    $("followup-files").focus();
    return;
  }
  check.progress = { done: 0, total: 0 };
  setSending(true);
  check.sending = startSending(
    {
      kind: "followup",
      codename: check.codename,
      fields: { message: trimmed },
      files: [...check.files.files],
      chosen,
      stanzaType: team.stanzaType,
      minRecipients: team.minRecipients,
      maxBodyBytes: team.maxBodyBytes,
      locale: locale(),
      clientTime: ctx.localDay(),
    },
    {
      phase(phase) {
        if (check.progress === null) return;
        check.progress.phase = phase;
        renderFollowupProgress();
      },
      progress(done, total) {
        check.progress = { ...check.progress, done, total };
        renderFollowupProgress();
      },
      retrying() {
        $("followup-progress-text").textContent = t("progress.retrying");
      },
      resumed() {
        renderFollowupProgress();
      },
      done() {
        check.sending = null;
        check.progress = null;
        $("followup-message").value = "";
        check.files.clear();
        setSending(false);
        $("followup-form").dataset.state = "sent";
        ctx.setNotice("followup.sent");
        load();
      },
      error({ reason, retryAfter }) {
        check.sending = null;
        check.progress = null;
        setSending(false);
        $("followup-form").dataset.state = "error";
        // A §4.4 refusal says when to try again.
        const refusal = refusalText(reason, retryAfter ?? null, "followup.err");
        if (Object.keys(refusal.params).length > 0) {
          setFollowupError(refusal.key, refusal.params);
          $("followup-error").focus();
          return;
        }
        const keys = {
          keys: "followup.err.keys",
          followup_keys: "followup.err.keys",
          too_large: "followup.err.too_large",
          network: "followup.err.network",
          commit_unknown: "followup.err.unknown",
          pow: "followup.err.pow",
          codename: "followup.err.failed",
        };
        setFollowupError(keys[reason] ?? "followup.err.failed");
        $("followup-error").focus();
      },
    },
  );
}

function setSending(on) {
  $("followup-form").dataset.state = on ? "sending" : "idle";
  $("followup-send").disabled = on;
  $("followup-message").disabled = on;
  $("followup-files").disabled = on;
  $("thread-refresh").disabled = on;
  $("followup-progress-box").hidden = !on;
  renderFollowupTeam();
  renderFollowupFiles();
  renderFollowupProgress();
}

function renderFollowupProgress() {
  const p = check.progress;
  if (p === null) return;
  const fraction = Math.min(1, p.done / Math.max(1, p.total));
  $("followup-progress").value = Math.round(fraction * 1000);
  $("followup-progress").setAttribute("aria-valuetext", formatPercent(fraction));
  // While the proof of work (PROTOCOL.md §9) is being finished, say so.
  $("followup-progress-text").textContent =
    p.phase === "pow" ? t("progress.pow") : t("progress.percent", { percent: formatPercent(fraction) });
}

function onCancel() {
  if (check.sending === null) return;
  check.sending();
  check.sending = null;
  check.progress = null;
  setSending(false);
  ctx.setNotice("followup.cancelled");
  $("followup-message").focus();
}

// ---------------------------------------------------------------------------
// Leaving

/** Forgets the codename, the thread and the Blob URLs; clears every field. */
function reset() {
  check.reading?.();
  check.reading = null;
  check.sending?.();
  check.sending = null;
  check.progress = null;
  check.codename = null;
  check.receipt = "";
  check.log = null;
  check.items = null;
  check.codenameError = null;
  check.followupError = null;
  check.excluded = new Set();
  check.minReached = false;
  revokeUrls();
  statusKey = null;
  $("thread").replaceChildren();
  $("thread-status").textContent = "";
  $("check-status").textContent = "";
  $("thread-empty").hidden = true;
  $("codename-input").value = "";
  $("receipt-input").value = "";
  $("thread-log").textContent = "";
  $("followup-message").value = "";
  check.files.clear();
  $("check-open-box").hidden = false;
  $("thread-box").hidden = true;
  $("thread-box").dataset.state = "idle";
  delete $("thread-box").dataset.loads;
  $("check-open").disabled = false;
  $("thread-refresh").disabled = false;
  setSending(false);
  renderCodenameError();
  renderFollowupError();
}

/** "Leave": forget everything and go back to the start. */
function leave() {
  reset();
  ctx.show("welcome");
}
