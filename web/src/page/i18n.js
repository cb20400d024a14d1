// Languages of the reporter's page: English and Simplified Chinese.
//
// Every user-visible string lives in web/locales/<locale>.json (served as
// /assets/locales/<locale>.json). Elements carry `data-i18n="key"` and get
// their text from there; code calls t(key, params). Numbers, sizes, dates and
// durations go through Intl for the chosen locale. Switching the language
// re-renders in place: the URL never changes and nothing is stored.

/** The locales the page ships, in the order of the language switch. */
export const LOCALES = Object.freeze(["en", "zh-CN"]);
const FALLBACK = "en";

const tables = new Map();
let current = FALLBACK;

/** Fetches every locale file (same origin, no cache). Throws if one is missing or not JSON. */
export async function loadLocales() {
  await Promise.all(
    LOCALES.map(async (locale) => {
      const res = await fetch(`/assets/locales/${locale}.json`, { cache: "no-store" });
      if (!res.ok) throw new Error(`locale ${locale}: HTTP ${res.status}`);
      tables.set(locale, await res.json());
    }),
  );
}

/**
 * The page locale for a browser's preferred languages (navigator.languages,
 * the same list the browser sends as Accept-Language): the first one that is
 * Chinese gives zh-CN, the first English one gives en; otherwise English.
 */
export function pickLocale(languages) {
  for (const tag of languages ?? []) {
    const lower = String(tag).toLowerCase();
    if (lower === "zh" || lower.startsWith("zh-")) return "zh-CN";
    if (lower === "en" || lower.startsWith("en-")) return "en";
  }
  return FALLBACK;
}

/** The current locale. */
export function locale() {
  return current;
}

/** Sets the current locale and updates `<html lang>` (call applyTexts afterwards). */
export function setLocale(tag) {
  current = LOCALES.includes(tag) ? tag : FALLBACK;
  document.documentElement.lang = current;
}

/**
 * The string for `key` in the current locale (English if missing there), with
 * every `{name}` replaced by `params[name]`. An unknown key is returned as is,
 * so a missing string is visible rather than silently empty.
 */
export function t(key, params = {}) {
  const text = tables.get(current)?.[key] ?? tables.get(FALLBACK)?.[key] ?? key;
  return text.replace(/\{([a-z_]+)\}/g, (whole, name) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Fills every `[data-i18n]` element under `root` with its string, and the document title. */
export function applyTexts(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  document.title = t("app.title");
}

/** A number for the current locale. */
export function formatNumber(n, options = {}) {
  return new Intl.NumberFormat(current, options).format(n);
}

/** A fraction 0…1 as a whole percentage ("42 %", "42%"). */
export function formatPercent(fraction) {
  return formatNumber(Math.floor(fraction * 100) / 100, { style: "percent" });
}

/** A byte count in decimal units (kB, MB, GB), e.g. "19.9 MB". */
export function formatSize(bytes) {
  const units = [
    ["gigabyte", 1e9],
    ["megabyte", 1e6],
    ["kilobyte", 1e3],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return formatNumber(value, {
        style: "unit",
        unit,
        maximumFractionDigits: value < 10 ? 1 : 0,
      });
    }
  }
  return formatNumber(bytes, { style: "unit", unit: "byte", unitDisplay: "long" });
}

/** A duration in seconds, rounded up to whole seconds below 1 minute, else whole minutes. */
export function formatDuration(seconds) {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds / 5) * 5);
    return formatNumber(s, { style: "unit", unit: "second", unitDisplay: "long" });
  }
  return formatNumber(Math.ceil(seconds / 60), { style: "unit", unit: "minute", unitDisplay: "long" });
}

/** A UTC calendar day `YYYY-MM-DD` in the locale's long date form. */
export function formatDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(current, { dateStyle: "long", timeZone: "UTC" }).format(date);
}
