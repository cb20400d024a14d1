// The intake form: reading its values into manifest fields, checking them,
// and the list of evidence files (picker + drag and drop).

import { FIELDS, FIELD_MAX_BYTES } from "./fields.js";

const encoder = new TextEncoder();
/** At most this many attachments (PROTOCOL.md §1.2). */
export const MAX_FILES = 64;

/** The form's values as manifest fields: trimmed, empty ones left out (PROTOCOL.md §1.5). */
export function readFields(form) {
  const fields = {};
  for (const field of FIELDS) {
    let value;
    if (field.radio) {
      value = form.querySelector(`input[name="${field.radio}"]:checked`)?.value ?? "";
    } else {
      value = document.getElementById(field.id).value;
    }
    value = value.trim();
    if (value !== "") fields[field.name] = value;
  }
  return fields;
}

/**
 * Problems with the form, in page order: `[{id, key, params}]` where `id` is
 * the element to mark and `key` the message. Empty when the form can be sent.
 */
export function formProblems(fields) {
  const problems = [];
  if (!fields.category) problems.push({ id: "category", key: "form.err.category" });
  if (!fields.what) problems.push({ id: "what", key: "form.err.what" });
  if (fields.when_from && fields.when_to && fields.when_to < fields.when_from) {
    problems.push({ id: "when-to", key: "form.err.dates" });
  }
  for (const field of FIELDS) {
    const value = fields[field.name];
    if (value !== undefined && encoder.encode(value).length > FIELD_MAX_BYTES) {
      problems.push({ id: field.id, key: "form.err.too_long", params: { bytes: encoder.encode(value).length } });
    }
  }
  return problems;
}

/** Clears every answer (after a report was sent, so nothing stays on screen). */
export function clearForm(form) {
  form.reset();
}

/**
 * The evidence file list. `onChange()` is called after every change; `files`
 * is the current array of File objects, in the order they were added.
 */
export class FileList {
  constructor({ input, zone, onChange, onTooMany }) {
    this.files = [];
    this.onChange = onChange;
    this.onTooMany = onTooMany;
    input.addEventListener("change", () => {
      this.add(input.files);
      input.value = ""; // the same file can be chosen again after removing it
    });
    // Drag and drop onto the zone; dropping elsewhere must not open the file.
    for (const type of ["dragenter", "dragover"]) {
      zone.addEventListener(type, (e) => {
        e.preventDefault();
        zone.classList.add("over");
      });
    }
    for (const type of ["dragleave", "dragend"]) {
      zone.addEventListener(type, () => zone.classList.remove("over"));
    }
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("over");
      this.add(e.dataTransfer?.files ?? []);
    });
    window.addEventListener("dragover", (e) => e.preventDefault());
    window.addEventListener("drop", (e) => e.preventDefault());
  }

  add(list) {
    for (const file of list) {
      if (this.files.length >= MAX_FILES) {
        this.onTooMany();
        break;
      }
      this.files.push(file);
    }
    this.onChange();
  }

  remove(index) {
    this.files.splice(index, 1);
    this.onChange();
  }

  clear() {
    this.files = [];
    this.onChange();
  }

  /** Total bytes. */
  get size() {
    return this.files.reduce((sum, f) => sum + f.size, 0);
  }
}
