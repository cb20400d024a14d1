// The report form's fields: manifest `fields` keys (docs/PROTOCOL.md §1.2,
// listed in §1.5) and the page element each one is read from.
//
// Every value is a string. Optional fields left empty are omitted from the
// manifest (less data is better); values are trimmed of surrounding white
// space. Attachments are not fields: they are the manifest's `attachments`.

/** Values of the `category` field, in the order the form offers them. */
export const CATEGORIES = Object.freeze([
  "sexual_harassment",
  "sexual_assault",
  "retaliation",
  "discrimination",
  "bullying",
  "other",
]);

/** Values of the `reported_before` field. */
export const REPORTED_BEFORE = Object.freeze(["yes", "no"]);

/**
 * The fields: `name` is the manifest key, `id` the form element (for radio
 * groups, the `name` of the inputs), `required` whether the form insists.
 */
export const FIELDS = Object.freeze([
  { name: "category", id: "category", required: true },
  { name: "what", id: "what", required: true },
  { name: "when_from", id: "when-from" },
  { name: "when_to", id: "when-to" },
  { name: "when_text", id: "when-text" },
  { name: "where", id: "where" },
  { name: "people_reported", id: "people-reported" },
  { name: "witnesses", id: "witnesses" },
  { name: "reported_before", radio: "reported_before" },
  { name: "reported_before_to", id: "reported-before-to" },
  { name: "desired_outcome", id: "desired-outcome" },
  { name: "contact_name", id: "contact-name" },
  { name: "contact_details", id: "contact-details" },
]);

/** Largest field value in UTF-8 bytes (PROTOCOL.md §1.2). */
export const FIELD_MAX_BYTES = 32_768;
