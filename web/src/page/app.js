// The reporter's page (served as /assets/app.js): one page, six views,
// the URL never changes, nothing is stored on the device (no cookies, no
// Web Storage, no IndexedDB, no service worker). Encryption and upload run
// in a Web Worker (web/src/worker.js); this file only shows things.
//
// Element ids and test hooks (stable; the browser tests rely on them):
//
//   #lang-en, #lang-zh-CN    language switch buttons (aria-pressed = current)
//   #app                     main; hidden until the page has started
//   #error, #error-text      the error box (role="alert"); #error-detail-text technical details
//   #notice                  calm messages (role="status"), e.g. after #cancel
//   Views (one visible at a time; each h1 gets the focus when shown):
//     #view-welcome          #welcome-heading, #safety, #safety-text (deployer text), #start,
//                            #check-start (opens #view-check)
//     #view-form             #form-heading, #report-form, #category, #what, #when-from,
//                            #when-to, #when-text, #where, #people-reported, #witnesses,
//                            #reported-before-yes, #reported-before-no, #reported-before-to,
//                            #desired-outcome, #files (input type=file multiple), #dropzone,
//                            #files-limit, #file-list (li[data-testid="file"], each with
//                            button[data-testid="remove-file"]), #files-total, #files-error,
//                            #contact-name, #contact-details, #back-to-welcome, #to-team
//     #view-team             #team-heading, #team-name, #keyset-fingerprint (grouped by 4),
//                            #team-key-type (the verified keys' type in words: team.key_type.pq
//                            or team.key_type.classic),
//                            #team-list (li[data-testid="member"][data-id]), #exclude-<id>
//                            (checkbox), #fp-<id> (short fingerprint), #team-min,
//                            #team-count, #team-min-reached, #back-to-form, #team-retry, #submit
//     #view-progress         #progress-heading, #progress (<progress max=1000>),
//                            #progress-phase, #progress-text, #progress-live (aria-live),
//                            #retry-note, #cancel
//     #view-done             #done-heading, #receipt-id, #receipt-day (<time datetime=day>),
//                            #codename-text (the codename, words separated by spaces, one
//                            span.word each; emptied when the view is left), #codename-copy,
//                            #codename-copy-status (role=status), #check-from-done
//     #view-check            (web/src/page/check.js) #check-heading;
//                            opening: #check-open-box, #check-form, #codename-input,
//                            #codename-input-error, #check-status, #check-open, #check-back;
//                            thread: #thread-box (data-state = idle | loading | ready | error,
//                            data-loads = completed loads), #thread-heading, #thread-status
//                            (aria-live), #thread-empty, #thread (li[data-testid="thread-item"]
//                            [data-kind][data-state=ok|unreadable][data-status-state]
//                            [data-status-outcome], holding [data-testid=message | status-state |
//                            status-outcome | status-outcome-explain | status-note | unreadable |
//                            attachment], a[data-testid="download"][download][data-sha256]),
//                            #thread-refresh,
//                            #check-leave;
//                            follow-up: #followup-form (data-state = idle | sending | sent |
//                            error), #followup-message, #followup-files, #followup-file-list,
//                            #followup-files-error, #followup-team-box, #followup-team-list
//                            (li[data-testid="followup-member"][data-id]), #followup-exclude-<id>
//                            (checkbox), #followup-fp-<id>, #followup-team-min,
//                            #followup-team-count, #followup-team-min-reached,
//                            #followup-error, #followup-progress-box,
//                            #followup-progress, #followup-progress-text, #followup-cancel,
//                            #followup-send
//   document.body.dataset.view   the current view: welcome | form | team | progress | done | check
//   document.body.dataset.state  "ready" once locales and team have loaded (or failed)

import {
  LOCALES,
  applyTexts,
  formatDay,
  formatDuration,
  formatNumber,
  formatPercent,
  formatSize,
  loadLocales,
  locale,
  pickLocale,
  setLocale,
  t,
} from "./i18n.js";
import { FileList, clearForm, formProblems, readFields } from "./form.js";
import { FIELDS } from "./fields.js";
import { maxAttachmentBytes } from "./limits.js";
import { refusalText } from "../refusal.js";
import { SelectionError, selectInvestigators } from "../selection.js";
import { Estimator, startSending } from "./submit.js";
import { initCheck, openCheck, renderCheck } from "./check.js";
import { TeamError, fetchTeam, groupFingerprint, keyTypeText } from "./team.js";
import { renderMembers, toggleExclusion } from "./members.js";

const $ = (id) => document.getElementById(id);

const state = {
  view: "welcome",
  team: null, // verified team (team.js), or null
  teamError: null, // {reason, detail} when the team could not be used
  excluded: new Set(), // investigator ids
  safety: null, // {locale: text} from /api/site
  files: null, // FileList
  error: null, // {key, detail} shown in #error
  notice: null, // key of a message shown in #notice
  minReached: false,
  cancel: null, // cancels the running submission
  progress: null, // {phase, done, total, announced, retrying, estimator}
  receipt: null, // {id, day, codename, receipt, receiptError}: the codename only while the done view shows it
};

// ---------------------------------------------------------------------------
// Views

const VIEWS = ["welcome", "form", "team", "progress", "done", "check"];

function show(view) {
  // The codename is shown once: leaving the confirmation forgets it.
  if (state.view === "done" && view !== "done") forgetCodename();
  state.view = view;
  setNotice(null);
  for (const name of VIEWS) $(`view-${name}`).hidden = name !== view;
  document.body.dataset.view = view;
  window.scrollTo(0, 0);
  $(`${view}-heading`).focus();
}

function setError(key, detail = null, params = {}) {
  state.error = key === null ? null : { key, detail, params };
  renderError();
  if (key !== null) $("error").focus();
}

/** A calm message (not an error), e.g. after cancelling; cleared by the next view change. */
function setNotice(key) {
  state.notice = key;
  renderNotice();
}

function renderNotice() {
  $("notice").hidden = state.notice === null;
  $("notice").textContent = state.notice === null ? "" : t(state.notice);
}

function renderError() {
  const box = $("error");
  box.hidden = state.error === null;
  if (state.error === null) return;
  $("error-text").textContent = t(state.error.key, state.error.params);
  $("error-details").hidden = !state.error.detail;
  $("error-detail-text").textContent = state.error.detail ?? "";
}

/** Re-renders everything that depends on the language or on state. */
function render() {
  applyTexts();
  for (const tag of LOCALES) $(`lang-${tag}`).setAttribute("aria-pressed", String(tag === locale()));
  renderError();
  renderNotice();
  renderSafety();
  renderFiles();
  renderTeam();
  renderProgress();
  renderReceipt();
  renderCheck();
}

function switchLanguage(tag) {
  setLocale(tag);
  render();
}

// ---------------------------------------------------------------------------
// Welcome

function renderSafety() {
  const text = state.safety?.[locale()] ?? state.safety?.en ?? "";
  $("safety-deployer").hidden = text === "";
  $("safety-text").textContent = text; // plain text, never HTML
}

async function loadSite() {
  try {
    const res = await fetch("/api/site", { cache: "no-store" });
    if (!res.ok) return;
    const site = await res.json();
    if (site && typeof site.safety === "object" && site.safety !== null) {
      state.safety = Object.fromEntries(
        Object.entries(site.safety).filter(([, v]) => typeof v === "string"),
      );
    }
  } catch {
    // The built-in advice is shown anyway.
  }
}

// ---------------------------------------------------------------------------
// Form

function fileLimit() {
  if (state.team === null) return null;
  const count = state.team.investigators.length - state.excluded.size;
  return maxAttachmentBytes(state.team.maxBodyBytes, state.team.stanzaType, Math.max(1, count));
}

function renderFiles() {
  const files = state.files.files;
  const limit = fileLimit();
  $("files-limit").textContent = limit === null ? "" : t("files.limit", { limit: formatSize(limit) });
  const list = $("file-list");
  list.replaceChildren(
    ...files.map((file, i) => {
      const li = document.createElement("li");
      li.dataset.testid = "file";
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = file.name;
      const size = document.createElement("span");
      size.className = "size";
      size.textContent = formatSize(file.size);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "small";
      remove.dataset.testid = "remove-file";
      remove.textContent = t("files.remove");
      remove.setAttribute("aria-label", t("files.remove_named", { name: file.name }));
      remove.addEventListener("click", () => {
        state.files.remove(i);
        // Keep the keyboard where it was: the next file's button, or the picker.
        const buttons = list.querySelectorAll("button");
        (buttons[Math.min(i, buttons.length - 1)] ?? $("files")).focus();
      });
      li.append(name, size, remove);
      return li;
    }),
  );
  const total = state.files.size;
  $("files-total").textContent =
    files.length === 0
      ? t("files.none")
      : t("files.total", {
          count: formatNumber(files.length),
          size: formatSize(total),
          limit: limit === null ? "…" : formatSize(limit),
        });
  const tooLarge = limit !== null && total > limit;
  $("files-error").hidden = !tooLarge;
  $("files-error").textContent = tooLarge ? t("files.too_large", { size: formatSize(total), limit: formatSize(limit) }) : "";
}

function markProblems(problems) {
  for (const field of FIELDS) {
    if (!field.id) continue;
    const el = $(field.id);
    el.removeAttribute("aria-invalid");
    $(`${field.id}-error`)?.remove();
    const hint = `${field.id}-hint`;
    el.setAttribute("aria-describedby", hint);
  }
  for (const p of problems) {
    const el = $(p.id);
    el.setAttribute("aria-invalid", "true");
    if ($(`${p.id}-error`)) continue;
    const msg = document.createElement("p");
    msg.id = `${p.id}-error`;
    msg.className = "field-error";
    const params = p.params?.bytes ? { size: formatSize(p.params.bytes) } : {};
    msg.textContent = t(p.key, params);
    el.before(msg);
    el.setAttribute("aria-describedby", `${p.id}-hint ${p.id}-error`);
  }
}

function onFormSubmit(event) {
  event.preventDefault();
  const problems = formProblems(readFields($("report-form")));
  markProblems(problems);
  const limit = fileLimit();
  if (problems.length > 0) {
    $(problems[0].id).focus();
    return;
  }
  if (limit !== null && state.files.size > limit) {
    $("files").focus();
    return;
  }
  setError(null);
  show("team");
  if (state.team === null) loadTeam();
}

// ---------------------------------------------------------------------------
// Team

async function loadTeam() {
  $("team-loading").hidden = false;
  $("team-retry").hidden = true;
  try {
    state.team = await fetchTeam();
    state.teamError = null;
    state.excluded = new Set();
  } catch (e) {
    state.team = null;
    state.teamError = { reason: e instanceof TeamError ? e.reason : "error.team_unavailable", detail: e.message };
  }
  $("team-loading").hidden = true;
  render();
  if (state.teamError !== null && state.view === "team") setError(state.teamError.reason, state.teamError.detail);
}

function renderTeam() {
  const team = state.team;
  $("team-box").hidden = team === null;
  $("team-retry").hidden = state.teamError === null;
  $("submit").disabled = team === null;
  if (team === null) return;
  $("team-name").textContent = team.name;
  $("keyset-fingerprint").textContent = groupFingerprint(team.fingerprint);
  $("team-key-type").textContent = t(keyTypeText(team.stanzaType));
  const total = team.investigators.length;
  $("team-min").textContent = t("team.min", {
    min: formatNumber(team.minRecipients),
    max: formatNumber(total - team.minRecipients),
  });
  renderMembers($("team-list"), team, state.excluded, {
    prefix: "",
    testid: "member",
    minId: "team-min",
    onToggle: onExclude,
  });
  $("team-count").textContent = t("team.count", {
    count: formatNumber(total - state.excluded.size),
    total: formatNumber(total),
  });
  $("team-min-reached").hidden = !state.minReached;
  $("team-min-reached").textContent = state.minReached
    ? t("team.min_reached", { min: formatNumber(team.minRecipients) })
    : "";
}

function onExclude(id, box) {
  state.minReached = toggleExclusion(state.team, state.excluded, id, box);
  renderTeam();
  renderFiles();
}

// ---------------------------------------------------------------------------
// Sending

/** The local date only, YYYY-MM-DD: the least the team needs (PROTOCOL.md §1.2 client_time). */
function localDay() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function onSubmit() {
  const team = state.team;
  if (team === null) {
    setError(state.teamError?.reason ?? "error.keys", state.teamError?.detail);
    return;
  }
  const fields = readFields($("report-form"));
  if (formProblems(fields).length > 0) {
    show("form");
    onFormSubmit(new Event("submit"));
    return;
  }
  // The investigators not excluded, in keyset order: the worker encrypts to
  // exactly these and records their ids in the `recipients` field (PROTOCOL.md §1.5).
  let chosen;
  try {
    chosen = selectInvestigators(team.investigators, state.excluded, team.minRecipients);
  } catch (e) {
    if (e instanceof SelectionError && e.code === "too_few") {
      state.minReached = true;
      renderTeam();
      return;
    }
    setError("error.keys", e.message);
    return;
  }
  const limit = fileLimit();
  if (state.files.size > limit) {
    setError("error.too_large");
    return;
  }
  setError(null);
  state.progress = { phase: "hashing", done: 0, total: 0, announced: -1, retrying: null, estimator: new Estimator() };
  state.receipt = null;
  renderProgress();
  show("progress");
  state.cancel = startSending(
    {
      fields,
      files: [...state.files.files],
      chosen,
      stanzaType: team.stanzaType,
      minRecipients: team.minRecipients,
      maxBodyBytes: team.maxBodyBytes,
      locale: locale(),
      clientTime: localDay(),
    },
    {
      phase(phase) {
        state.progress.phase = phase;
        renderProgress();
      },
      progress(done, total) {
        state.progress.done = done;
        state.progress.total = total;
        renderProgress();
      },
      retrying() {
        state.progress.retrying = "progress.retrying";
        renderProgress();
      },
      resumed() {
        state.progress.retrying = "progress.resumed";
        renderProgress();
      },
      done(receipt) {
        state.cancel = null;
        // Kept only while the confirmation shows it (see show()).
        state.progress = null;
        state.receipt = receipt;
        // Nothing of the report stays on screen once it is sent.
        clearForm($("report-form"));
        state.files.clear();
        state.excluded = new Set();
        renderReceipt();
        renderTeam();
        show("done");
      },
      error({ reason, detail, retryAfter }) {
        state.cancel = null;
        state.progress = null;
        show("team");
        // A §4.4 refusal says when to try again.
        const { key, params } = refusalText(reason, retryAfter ?? null);
        setError(key, detail || null, params);
      },
    },
  );
}

function onCancel() {
  if (state.cancel === null) return;
  state.cancel();
  state.cancel = null;
  state.progress = null;
  show("form");
  setNotice("progress.cancelled");
  $("notice").focus();
}

function renderProgress() {
  const p = state.progress;
  if (p === null) return;
  const fraction = Math.min(1, p.done / Math.max(1, p.total));
  $("progress").value = Math.round(fraction * 1000);
  $("progress").setAttribute("aria-valuetext", formatPercent(fraction));
  $("progress-phase").textContent = t(`progress.${p.phase}`);
  const seconds = p.estimator.secondsLeft(p.done, p.total);
  $("progress-text").textContent =
    p.phase === "committing" || p.phase === "pow" || p.total === 0 || p.retrying === "progress.retrying"
      ? t("progress.percent", { percent: formatPercent(fraction) })
      : t("progress.eta", { percent: formatPercent(fraction), time: formatDuration(seconds) });
  // Screen readers hear about every 10 %, not every update.
  const tenth = Math.floor(fraction * 10);
  if (tenth !== p.announced) {
    p.announced = tenth;
    $("progress-live").textContent = t("progress.percent", { percent: formatPercent(tenth / 10) });
  }
  $("retry-note").hidden = p.retrying === null;
  $("retry-note").textContent = p.retrying === null ? "" : t(p.retrying);
}

function renderReceipt() {
  const r = state.receipt;
  if (r === null) return;
  $("receipt-id").textContent = r.id;
  $("receipt-day").dateTime = r.day;
  $("receipt-day").textContent = formatDay(r.day);
  renderLogReceipt();
  renderCodename();
}

/** The transparency log's receipt (PROTOCOL.md §10.5), checked by the worker. */
function renderLogReceipt() {
  const r = state.receipt;
  const box = $("log-receipt-box");
  box.hidden = r === null || (r.receipt === null && r.receiptError === null);
  if (box.hidden) return;
  box.dataset.result = r.receipt !== null ? "verified" : r.receiptError;
  $("log-receipt-status").textContent =
    r.receipt !== null ? t("receipt.verified") : t("receipt.failed", { code: r.receiptError });
  $("log-receipt-text").textContent = r.receipt ?? "";
  $("log-receipt-text").hidden = r.receipt === null;
  $("log-receipt-hint").hidden = r.receipt === null;
}

// ---------------------------------------------------------------------------
// The codename (PROTOCOL.md §7), shown once on the confirmation

function renderCodename() {
  const codename = state.receipt?.codename ?? null;
  $("codename-box").hidden = codename === null;
  const box = $("codename-text");
  if (codename === null) {
    box.replaceChildren();
    return;
  }
  // Words separated by spaces (which the check view accepts, §7.2), each in
  // its own span so that they read one by one.
  const words = codename.split("-");
  const parts = [];
  words.forEach((w, i) => {
    if (i > 0) parts.push(" ");
    const span = document.createElement("span");
    span.className = "word";
    span.textContent = w;
    parts.push(span);
  });
  box.replaceChildren(...parts);
}

function forgetCodename() {
  if (state.receipt !== null) state.receipt = { ...state.receipt, codename: null };
  $("codename-text").replaceChildren();
  $("codename-copy-status").textContent = "";
  $("codename-box").hidden = true;
  window.getSelection?.()?.removeAllRanges();
}

/** Copies the codename; without clipboard access, selects it for the reporter to copy. */
async function onCopyCodename() {
  const codename = state.receipt?.codename;
  if (!codename) return;
  const status = $("codename-copy-status");
  try {
    if (typeof navigator.clipboard?.writeText !== "function") throw new Error("no clipboard");
    await navigator.clipboard.writeText(codename.replaceAll("-", " "));
    status.textContent = t("codename.copied");
  } catch {
    const range = document.createRange();
    range.selectNodeContents($("codename-text"));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = t("codename.selected");
  }
}

// ---------------------------------------------------------------------------
// Start

/** What the page needs from the browser; without it, it refuses to start sending. */
function missingFeatures() {
  const needed = {
    Worker: typeof Worker,
    ReadableStream: typeof ReadableStream,
    TextEncoder: typeof TextEncoder,
    fetch: typeof fetch,
    "crypto.getRandomValues": typeof globalThis.crypto?.getRandomValues,
    Intl: typeof Intl?.NumberFormat,
  };
  return Object.entries(needed)
    .filter(([, type]) => type !== "function")
    .map(([name]) => name);
}

async function main() {
  setLocale(pickLocale(navigator.languages ?? [navigator.language]));
  const site = loadSite();
  try {
    await loadLocales();
  } catch (e) {
    // Without texts the page cannot explain anything: show the raw reason.
    document.body.append(`Whistlebox: the page could not load its texts (${e.message}). Nothing was sent.`);
    return;
  }
  state.files = new FileList({
    input: $("files"),
    zone: $("dropzone"),
    onChange: renderFiles,
    onTooMany: () => {
      $("files-error").hidden = false;
      $("files-error").textContent = t("files.too_many", { max: formatNumber(64) });
    },
  });
  for (const tag of LOCALES) $(`lang-${tag}`).addEventListener("click", () => switchLanguage(tag));
  $("start").addEventListener("click", () => show("form"));
  $("back-to-welcome").addEventListener("click", () => show("welcome"));
  $("report-form").addEventListener("submit", onFormSubmit);
  $("back-to-form").addEventListener("click", () => {
    setError(null);
    show("form");
  });
  $("team-retry").addEventListener("click", () => {
    setError(null);
    loadTeam();
  });
  $("submit").addEventListener("click", onSubmit);
  $("cancel").addEventListener("click", onCancel);
  $("codename-copy").addEventListener("click", onCopyCodename);
  $("check-start").addEventListener("click", openCheck);
  $("check-from-done").addEventListener("click", openCheck);
  initCheck({
    show,
    setError,
    setNotice,
    team: () => state.team,
    teamError: () => state.teamError,
    loadTeam,
    localDay,
  });

  render();
  $("app").hidden = false;
  document.body.dataset.view = "welcome";
  const missing = missingFeatures();
  if (missing.length > 0) {
    $("start").disabled = true;
    setError("error.unsupported", `missing: ${missing.join(", ")}`);
  }
  await Promise.all([site, loadTeam()]);
  render();
  document.body.dataset.state = "ready";
}

main();
