// The investigators a report or a follow-up goes to (docs/PROTOCOL.md §1.5
// `recipients`, §8.4): the keyset's investigators minus the ones the reporter
// excluded ("Do not send to this person"), in keyset order, never fewer than
// the team's min_recipients (§2 E4).
//
// One list is the single source of truth for both what a report is encrypted
// to and what its `recipients` field says: `selectInvestigators` gives
// `[{id, recipient}]`, and the age recipients (`recipientsOf`) and the field
// (`reportFields`) are both read from that same list, so they cannot disagree.
//
// Shared by the page (web/src/page/app.js, check.js), its worker and
// web/scripts/submit.mjs, mailbox.mjs. Web-platform only; no dependencies.

/** The report field that names the investigators a report is encrypted to (§1.5). */
export const RECIPIENTS_FIELD = "recipients";

/** An investigator id (§3). */
const ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/**
 * The choice cannot be used. `code`: `unknown` (an excluded id is not in the
 * keyset), `too_few` (fewer than min_recipients would remain), `invalid` (a
 * malformed or repeated id, an empty list, or a report that already carries a
 * `recipients` field).
 */
export class SelectionError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "SelectionError";
    this.code = code;
  }
}

/**
 * The investigators not excluded, in keyset order, as `[{id, recipient}]`.
 * `investigators` is the verified keyset's list (each with `id` and
 * `recipient`), `excluded` an iterable of ids, `minRecipients` the team's
 * min_recipients. Throws SelectionError for an id that is not in the keyset
 * or when fewer than `minRecipients` would remain.
 */
export function selectInvestigators(investigators, excluded, minRecipients) {
  const known = investigators.map((inv) => inv.id);
  const leave = new Set(excluded);
  for (const id of leave) {
    if (!known.includes(id)) {
      throw new SelectionError("unknown", `no such investigator ${JSON.stringify(id)} (the team is: ${known.join(", ")})`);
    }
  }
  const chosen = investigators.filter((inv) => !leave.has(inv.id)).map(({ id, recipient }) => ({ id, recipient }));
  if (chosen.length < minRecipients) {
    throw new SelectionError(
      "too_few",
      `after the exclusions ${chosen.length} investigator(s) remain; the team needs at least ${minRecipients}`,
    );
  }
  checkChosen(chosen);
  return chosen;
}

/** The age recipients of a selection, in its order (what the file is encrypted to). */
export function recipientsOf(chosen) {
  checkChosen(chosen);
  return chosen.map((inv) => inv.recipient);
}

/**
 * A report's fields with `recipients` (§1.5) set to the selection's ids,
 * comma-separated, in its (keyset) order. `fields` must not already have a
 * `recipients` key: the field is never typed, only derived.
 */
export function reportFields(fields, chosen) {
  checkChosen(chosen);
  if (Object.hasOwn(fields, RECIPIENTS_FIELD)) {
    throw new SelectionError("invalid", `the field "${RECIPIENTS_FIELD}" is set from the chosen investigators, never given`);
  }
  return { ...fields, [RECIPIENTS_FIELD]: chosen.map((inv) => inv.id).join(",") };
}

function checkChosen(chosen) {
  if (!Array.isArray(chosen) || chosen.length === 0) {
    throw new SelectionError("invalid", "no investigator is chosen");
  }
  const seen = new Set();
  for (const inv of chosen) {
    if (typeof inv?.id !== "string" || !ID.test(inv.id) || seen.has(inv.id)) {
      throw new SelectionError("invalid", `bad or repeated investigator id ${JSON.stringify(inv?.id)}`);
    }
    if (typeof inv.recipient !== "string") {
      throw new SelectionError("invalid", `investigator ${inv.id} has no recipient`);
    }
    seen.add(inv.id);
  }
}
