var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);

// src/page/i18n.js
var LOCALES = Object.freeze(["en", "zh-CN"]);
var FALLBACK = "en";
var tables = /* @__PURE__ */ new Map();
var current = FALLBACK;
async function loadLocales() {
  await Promise.all(
    LOCALES.map(async (locale2) => {
      const res = await fetch(`/assets/locales/${locale2}.json`, { cache: "no-store" });
      if (!res.ok) throw new Error(`locale ${locale2}: HTTP ${res.status}`);
      tables.set(locale2, await res.json());
    })
  );
}
function pickLocale(languages) {
  for (const tag of languages ?? []) {
    const lower = String(tag).toLowerCase();
    if (lower === "zh" || lower.startsWith("zh-")) return "zh-CN";
    if (lower === "en" || lower.startsWith("en-")) return "en";
  }
  return FALLBACK;
}
function locale() {
  return current;
}
function setLocale(tag) {
  current = LOCALES.includes(tag) ? tag : FALLBACK;
  document.documentElement.lang = current;
}
function t(key, params = {}) {
  const text3 = tables.get(current)?.[key] ?? tables.get(FALLBACK)?.[key] ?? key;
  return text3.replace(
    /\{([a-z_]+)\}/g,
    (whole, name) => Object.hasOwn(params, name) ? String(params[name]) : whole
  );
}
function applyTexts(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  document.title = t("app.title");
}
function formatNumber(n, options = {}) {
  return new Intl.NumberFormat(current, options).format(n);
}
function formatPercent(fraction) {
  return formatNumber(Math.floor(fraction * 100) / 100, { style: "percent" });
}
function formatSize(bytes2) {
  const units = [
    ["gigabyte", 1e9],
    ["megabyte", 1e6],
    ["kilobyte", 1e3]
  ];
  for (const [unit, size] of units) {
    if (bytes2 >= size) {
      const value = bytes2 / size;
      return formatNumber(value, {
        style: "unit",
        unit,
        maximumFractionDigits: value < 10 ? 1 : 0
      });
    }
  }
  return formatNumber(bytes2, { style: "unit", unit: "byte", unitDisplay: "long" });
}
function formatDuration(seconds) {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds / 5) * 5);
    return formatNumber(s, { style: "unit", unit: "second", unitDisplay: "long" });
  }
  return formatNumber(Math.ceil(seconds / 60), { style: "unit", unit: "minute", unitDisplay: "long" });
}
function formatDay(day) {
  const date = /* @__PURE__ */ new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(current, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

// src/page/fields.js
var CATEGORIES = Object.freeze([
  "sexual_harassment",
  "sexual_assault",
  "retaliation",
  "discrimination",
  "bullying",
  "other"
]);
var REPORTED_BEFORE = Object.freeze(["yes", "no"]);
var FIELDS = Object.freeze([
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
  { name: "contact_details", id: "contact-details" }
]);
var FIELD_MAX_BYTES = 32768;

// src/page/form.js
var encoder = new TextEncoder();
var MAX_FILES = 64;
function readFields(form) {
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
function formProblems(fields) {
  const problems = [];
  if (!fields.category) problems.push({ id: "category", key: "form.err.category" });
  if (!fields.what) problems.push({ id: "what", key: "form.err.what" });
  if (fields.when_from && fields.when_to && fields.when_to < fields.when_from) {
    problems.push({ id: "when-to", key: "form.err.dates" });
  }
  for (const field of FIELDS) {
    const value = fields[field.name];
    if (value !== void 0 && encoder.encode(value).length > FIELD_MAX_BYTES) {
      problems.push({ id: field.id, key: "form.err.too_long", params: { bytes: encoder.encode(value).length } });
    }
  }
  return problems;
}
function clearForm(form) {
  form.reset();
}
var FileList = class {
  constructor({ input, zone, onChange, onTooMany }) {
    this.files = [];
    this.onChange = onChange;
    this.onTooMany = onTooMany;
    input.addEventListener("change", () => {
      this.add(input.files);
      input.value = "";
    });
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
};

// node_modules/@noble/hashes/_u64.js
var fromNumH = (n) => n / 2 ** 32 | 0;
var fromNumL = (n) => n >>> 0;
function setU64FromNum(view, byteOffset, n, isLE) {
  const h = fromNumH(n);
  const l = fromNumL(n);
  view.setUint32(byteOffset, isLE ? l : h, isLE);
  view.setUint32(byteOffset + 4, isLE ? h : l, isLE);
}

// node_modules/@noble/hashes/utils.js
function isBytes(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
}
var atitle = (title) => title ? `"${title}" ` : "";
function anumber(n, title = "") {
  if (typeof n !== "number")
    throw new TypeError(atitle(title) + "expected number, got " + typeof n);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(atitle(title) + "expected integer >= 0, got " + n);
  return n;
}
function abytes(value, length, title = "") {
  if (isBytes(value) && (length === void 0 || value.length === length))
    return value;
  if (length !== void 0)
    anumber(length, "length");
  const bytes2 = isBytes(value);
  const ofLen = length !== void 0 ? ` of length ${length}` : "";
  const got = bytes2 ? `length=${value.length}` : `type=${typeof value}`;
  const message = atitle(title) + "expected Uint8Array" + ofLen + ", got " + got;
  if (!bytes2)
    throw new TypeError(message);
  throw new RangeError(message);
}
var aobject = (value, label) => {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError((label === "object" ? "" : `"${label}" `) + "expected object, got type=" + typeof value);
};
var aopts = (value, label) => {
  aobject(value, label);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    throw new TypeError(`"${label}" expected plain object`);
  if (Object.hasOwn(value, "__proto__"))
    throw new TypeError(`"${label}.__proto__" is not allowed`);
};
function aexists(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("hash was destroyed");
  if (checkFinished && instance.finished)
    throw new Error("digest() was already called");
}
function aoutput(out, instance) {
  abytes(out, void 0, "output");
  const min = instance.outputLen;
  if (!(out.length >= min)) {
    throw new RangeError('"output" expected length >= ' + min);
  }
}
function clean(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
function createView(arr) {
  return new DataView(arr.buffer, arr.byteOffset, arr.byteLength);
}
function rotr(word, shift) {
  return word << 32 - shift | word >>> shift;
}
var hasHexBuiltin = /* @__PURE__ */ (() => (
  // @ts-ignore
  typeof Uint8Array.from([]).toHex === "function" && typeof Uint8Array.fromHex === "function"
))();
var hexes = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function bytesToHex(bytes2) {
  abytes(bytes2);
  if (hasHexBuiltin)
    return bytes2.toHex();
  let hex = "";
  for (let i = 0; i < bytes2.length; i++) {
    hex += hexes[bytes2[i]];
  }
  return hex;
}
function checkOpts(defaults, opts, title = "opts") {
  aopts(defaults, "defaults");
  if (opts !== void 0)
    aopts(opts, title);
  const merged = Object.assign(/* @__PURE__ */ Object.create(null), defaults, opts);
  return merged;
}
function createHasher(hashCons, info = {}) {
  if (typeof hashCons !== "function")
    throw new TypeError('"hashCons" expected function, got type=' + typeof hashCons);
  info = checkOpts({}, info, "info");
  const hashC = (msg, opts) => hashCons(opts).update(msg).digest();
  const tmp = hashCons(void 0);
  hashC.outputLen = tmp.outputLen;
  hashC.blockLen = tmp.blockLen;
  hashC.canXOF = tmp.canXOF;
  hashC.create = (opts) => hashCons(opts);
  Object.assign(hashC, info);
  return Object.freeze(hashC);
}
var oidNist = (suffix) => ({
  // Current NIST hashAlgs suffixes used here fit in one DER subidentifier octet.
  // Larger suffix values would need base-128 OID encoding and a different length byte.
  oid: Uint8Array.from([6, 9, 96, 134, 72, 1, 101, 3, 4, 2, suffix])
});

// node_modules/@noble/hashes/_md.js
function Chi(a, b, c) {
  return a & b ^ ~a & c;
}
function Maj(a, b, c) {
  return a & b ^ a & c ^ b & c;
}
var HashMD = class {
  constructor(blockLen, outputLen, padOffset, isLE) {
    __publicField(this, "blockLen");
    __publicField(this, "outputLen");
    __publicField(this, "canXOF", false);
    __publicField(this, "padOffset");
    __publicField(this, "isLE");
    // For partial updates less than block size
    __publicField(this, "buffer");
    __publicField(this, "view");
    __publicField(this, "finished", false);
    __publicField(this, "length", 0);
    __publicField(this, "pos", 0);
    __publicField(this, "destroyed", false);
    this.blockLen = blockLen;
    this.outputLen = outputLen;
    this.padOffset = padOffset;
    this.isLE = isLE;
    this.buffer = new Uint8Array(blockLen);
    this.view = createView(this.buffer);
  }
  update(data) {
    aexists(this);
    abytes(data);
    const { view, buffer, blockLen } = this;
    const len = data.length;
    let processed = false;
    for (let pos = 0; pos < len; ) {
      const take = Math.min(blockLen - this.pos, len - pos);
      if (take === blockLen) {
        const dataView = createView(data);
        for (; blockLen <= len - pos; pos += blockLen)
          this.process(dataView, pos);
        processed = true;
        continue;
      }
      buffer.set(pos === 0 && take === len ? data : data.subarray(pos, pos + take), this.pos);
      this.pos += take;
      pos += take;
      if (this.pos === blockLen) {
        this.process(view, 0);
        this.pos = 0;
        processed = true;
      }
    }
    this.length += data.length;
    if (processed)
      this.roundClean();
    return this;
  }
  digestInto(out) {
    aexists(this);
    aoutput(out, this);
    this.finished = true;
    const { buffer, view, blockLen, isLE } = this;
    let { pos } = this;
    buffer[pos++] = 128;
    buffer.fill(0, pos);
    if (this.padOffset > blockLen - pos) {
      this.process(view, 0);
      buffer.fill(0);
    }
    setU64FromNum(view, blockLen - 8, this.length * 8, isLE);
    this.process(view, 0);
    this.roundClean();
    const oview = out === buffer ? view : createView(out);
    const len = this.outputLen;
    const outLen = len / 4;
    const state2 = this.get();
    if (len % 4 || outLen > state2.length)
      throw new Error("invalid outputLen");
    for (let i = 0; i < outLen; i++)
      oview.setUint32(4 * i, state2[i], isLE);
  }
  digest() {
    const { buffer, outputLen } = this;
    this.digestInto(buffer);
    const res = buffer.slice(0, outputLen);
    this.destroy();
    return res;
  }
  _cloneIntoMeta(to) {
    const { buffer, length, finished, destroyed, pos } = this;
    to.destroyed = destroyed;
    to.finished = finished;
    to.length = length;
    to.pos = pos;
    if (pos)
      to.buffer.set(buffer);
    return to;
  }
  clone() {
    return this._cloneInto();
  }
};
var SHA256_IV = /* @__PURE__ */ Uint32Array.from([
  1779033703,
  3144134277,
  1013904242,
  2773480762,
  1359893119,
  2600822924,
  528734635,
  1541459225
]);

// node_modules/@noble/hashes/sha2.js
var SHA256_K = /* @__PURE__ */ Uint32Array.from([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
var SHA256_W = /* @__PURE__ */ new Uint32Array(64);
var SHA2_32B = class extends HashMD {
  constructor(outputLen, IV) {
    super(64, outputLen, 8, false);
    // We cannot use array here since array allows indexing by variable
    // which means optimizer/compiler cannot use registers.
    // Numeric initializers matter: starting the fields as `undefined` changes
    // V8's field representation and makes sha256 3x slower (measured).
    __publicField(this, "A", 0);
    __publicField(this, "B", 0);
    __publicField(this, "C", 0);
    __publicField(this, "D", 0);
    __publicField(this, "E", 0);
    __publicField(this, "F", 0);
    __publicField(this, "G", 0);
    __publicField(this, "H", 0);
    this.A = IV[0] | 0;
    this.B = IV[1] | 0;
    this.C = IV[2] | 0;
    this.D = IV[3] | 0;
    this.E = IV[4] | 0;
    this.F = IV[5] | 0;
    this.G = IV[6] | 0;
    this.H = IV[7] | 0;
  }
  get() {
    const { A, B, C, D, E, F, G, H } = this;
    return [A, B, C, D, E, F, G, H];
  }
  // prettier-ignore
  set(A, B, C, D, E, F, G, H) {
    this.A = A | 0;
    this.B = B | 0;
    this.C = C | 0;
    this.D = D | 0;
    this.E = E | 0;
    this.F = F | 0;
    this.G = G | 0;
    this.H = H | 0;
  }
  _cloneInto(to) {
    (to || (to = new this.constructor())).set(...this.get());
    return this._cloneIntoMeta(to);
  }
  process(view, offset) {
    for (let i = 0; i < 16; i++, offset += 4)
      SHA256_W[i] = view.getUint32(offset, false);
    for (let i = 16; i < 64; i++) {
      const W15 = SHA256_W[i - 15];
      const W2 = SHA256_W[i - 2];
      const s0 = rotr(W15, 7) ^ rotr(W15, 18) ^ W15 >>> 3;
      const s1 = rotr(W2, 17) ^ rotr(W2, 19) ^ W2 >>> 10;
      SHA256_W[i] = s1 + SHA256_W[i - 7] + s0 + SHA256_W[i - 16] | 0;
    }
    let { A, B, C, D, E, F, G, H } = this;
    for (let i = 0; i < 64; i++) {
      const sigma1 = rotr(E, 6) ^ rotr(E, 11) ^ rotr(E, 25);
      const T1 = H + sigma1 + Chi(E, F, G) + SHA256_K[i] + SHA256_W[i] | 0;
      const sigma0 = rotr(A, 2) ^ rotr(A, 13) ^ rotr(A, 22);
      const T2 = sigma0 + Maj(A, B, C) | 0;
      H = G;
      G = F;
      F = E;
      E = D + T1 | 0;
      D = C;
      C = B;
      B = A;
      A = T1 + T2 | 0;
    }
    A = A + this.A | 0;
    B = B + this.B | 0;
    C = C + this.C | 0;
    D = D + this.D | 0;
    E = E + this.E | 0;
    F = F + this.F | 0;
    G = G + this.G | 0;
    H = H + this.H | 0;
    this.set(A, B, C, D, E, F, G, H);
  }
  roundClean() {
    clean(SHA256_W);
  }
  destroy() {
    this.destroyed = true;
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    clean(this.buffer);
  }
};
var _SHA256 = class extends SHA2_32B {
  constructor() {
    super(32, SHA256_IV);
  }
};
var sha256 = /* @__PURE__ */ createHasher(
  () => new _SHA256(),
  /* @__PURE__ */ oidNist(1)
);

// node_modules/@scure/base/index.js
/*! scure-base - MIT License (c) 2022 Paul Miller (paulmillr.com) */
var freeze = (fn) => Object.freeze(fn());
function isBytes2(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
}
function abytes2(b) {
  if (!isBytes2(b))
    throw new TypeError("Uint8Array expected");
}
function isArrayOf(isString, arr) {
  if (!Array.isArray(arr))
    return false;
  if (arr.length === 0)
    return true;
  if (isString) {
    return arr.every((item) => typeof item === "string");
  } else {
    return arr.every((item) => Number.isSafeInteger(item));
  }
}
function afn(input) {
  if (typeof input !== "function")
    throw new TypeError("function expected");
  return true;
}
function astr(label, input) {
  if (typeof input !== "string")
    throw new TypeError(`${label}: string expected`);
  return true;
}
function anumber2(n, title = "number") {
  if (typeof n !== "number")
    throw new TypeError(`${title}: expected number, got ${typeof n}`);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`${title}: expected safe integer, got ${n}`);
}
function anumArr(label, input) {
  if (!isArrayOf(false, input))
    throw new TypeError(`${label}: array of numbers expected`);
}
var powers = /* @__PURE__ */ (() => {
  let res = [];
  for (let i = 0; i < 40; i++)
    res.push(2 ** i);
  return res;
})();
function u8ToNumArr(u8, len = u8.length) {
  const res = new Array(len);
  for (let i = 0; i < len; i++)
    res[i] = u8[i];
  return res;
}
var asciiDecoder = /* @__PURE__ */ (() => {
  try {
    const decoder = new TextDecoder();
    return decoder.decode(Uint8Array.of(65, 48, 43, 127)) === "A0+" ? decoder : void 0;
  } catch (e) {
    return void 0;
  }
})();
var B2S_CHUNK = 8192;
function charcodesToString(codes) {
  const len = codes.length;
  if (asciiDecoder !== void 0 && len >= 12)
    return asciiDecoder.decode(codes);
  if (len <= B2S_CHUNK)
    return String.fromCharCode.apply(null, codes);
  let res = "";
  for (let i = 0; i < len; i += B2S_CHUNK)
    res += String.fromCharCode.apply(null, codes.subarray(i, i + B2S_CHUNK));
  return res;
}
function radix2(bits) {
  anumber2(bits);
  if (bits <= 0 || bits > 8)
    throw new RangeError("radix2: bits should be in (0..8]");
  const mask = powers[bits] - 1;
  return {
    encode: (bytes2) => {
      abytes2(bytes2);
      const len = bytes2.length;
      const res = new Uint8Array(Math.ceil(len * 8 / bits));
      let carry = 0;
      let pos = 0;
      let j = 0;
      for (let i = 0; i < len; ) {
        if (i + 2 < len) {
          carry = carry << 24 | bytes2[i] << 16 | bytes2[i + 1] << 8 | bytes2[i + 2];
          pos += 24;
          i += 3;
        } else {
          carry = (carry << 8 | bytes2[i]) & 65535;
          pos += 8;
          i++;
        }
        for (; ; ) {
          pos -= bits;
          res[j++] = carry >> pos & mask;
          if (pos < bits)
            break;
        }
      }
      if (pos > 0)
        res[j] = carry << bits - pos & mask;
      return res;
    },
    decode: (digits) => {
      const len = digits.length;
      const res = new Uint8Array(Math.floor(len * bits / 8));
      let carry = 0;
      let pos = 0;
      let j = 0;
      for (let i = 0; i < len; i++) {
        carry = (carry << bits | digits[i]) & 65535;
        pos += bits;
        for (; pos >= 8; pos -= 8)
          res[j++] = carry >> pos - 8 & 255;
      }
      carry = carry << 8 - pos & 255;
      if (pos >= bits)
        throw new Error("Excess padding");
      if (carry > 0)
        throw new Error(`Non-zero padding: ${carry}`);
      return res;
    }
  };
}
function alphabet(letters, aliases) {
  const len = letters.length;
  if (len > 128)
    throw new Error("alphabet: max 128 letters");
  const encTable = new Uint8Array(len);
  const decTable = new Int8Array(128).fill(-1);
  for (let i = 0; i < len; i++) {
    const code = letters.charCodeAt(i);
    if (letters.codePointAt(i) !== code || code > 127)
      throw new Error("alphabet: single-char ASCII letters only");
    encTable[i] = code;
    decTable[code] = i;
  }
  if (aliases !== void 0) {
    for (const alias of Object.keys(aliases)) {
      const code = alias.charCodeAt(0);
      const target = decTable[aliases[alias].charCodeAt(0)];
      if (alias.length !== 1 || code > 127 || target === void 0 || target === -1)
        throw new Error(`alphabet: invalid alias ${alias}`);
      decTable[code] = target;
    }
  }
  return {
    encode: (digits) => {
      const codes = new Uint8Array(digits.length);
      for (let i = 0; i < digits.length; i++) {
        const d = digits[i];
        const code = encTable[d];
        if (code === void 0)
          throw new Error(`alphabet.encode: invalid digit ${d}`);
        codes[i] = code;
      }
      return charcodesToString(codes);
    },
    decode: (input) => {
      astr("decode", input);
      const slen = input.length;
      const digits = new Uint8Array(slen);
      for (let i = 0; i < slen; i++) {
        const code = input.charCodeAt(i);
        const digit = code < 128 ? decTable[code] : -1;
        if (digit === -1)
          throw new Error(`Unknown letter "${input[i]}". Allowed: ${letters}`);
        digits[i] = digit;
      }
      return digits;
    }
  };
}
function unsafeWrapper(fn) {
  afn(fn);
  return function(...args) {
    try {
      return fn.apply(null, args);
    } catch (e) {
    }
  };
}
var BECH_ALPHABET = /* @__PURE__ */ alphabet("qpzry9x8gf2tvdw0s3jn54khce6mua7l");
var BECH_UPPERCASE_PRINTABLE = /^[\x21-\x60\x7b-\x7e]+$/;
function assertBech32Printable(label, value) {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 33 || c > 126)
      throw new Error(`${label}: printable ASCII expected`);
  }
}
function wordsToU8(words) {
  const len = words.length;
  const res = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    const w = words[i];
    if (w < 0 || w >= 32)
      throw new Error(`alphabet.encode: invalid digit ${w}`);
    res[i] = w;
  }
  return res;
}
var POLYMOD_GENERATORS = [996825010, 642813549, 513874426, 1027748829, 705979059];
function bech32Polymod(pre) {
  const b = pre >> 25;
  let chk = (pre & 33554431) << 5;
  for (let i = 0; i < POLYMOD_GENERATORS.length; i++) {
    if ((b >> i & 1) === 1)
      chk ^= POLYMOD_GENERATORS[i];
  }
  return chk;
}
function bechChecksum(prefix, words, encodingConst = 1) {
  const len = prefix.length;
  let chk = 1;
  for (let i = 0; i < len; i++) {
    const c = prefix.charCodeAt(i);
    if (c < 33 || c > 126)
      throw new Error(`Invalid prefix (${prefix})`);
    chk = bech32Polymod(chk) ^ c >> 5;
  }
  chk = bech32Polymod(chk);
  for (let i = 0; i < len; i++)
    chk = bech32Polymod(chk) ^ prefix.charCodeAt(i) & 31;
  for (let v of words)
    chk = bech32Polymod(chk) ^ v;
  for (let i = 0; i < 6; i++)
    chk = bech32Polymod(chk);
  chk ^= encodingConst;
  const sum = new Uint8Array(6);
  for (let i = 0; i < 6; i++)
    sum[i] = chk >>> 5 * (5 - i) & 31;
  return BECH_ALPHABET.encode(sum);
}
function genBech32(encoding) {
  const ENCODING_CONST = encoding === "bech32" ? 1 : 734539939;
  const _words = radix2(5);
  const toWords = (from) => {
    abytes2(from);
    const len = from.length;
    const res = new Array(Math.ceil(len * 8 / 5));
    let carry = 0;
    let pos = 0;
    let j = 0;
    for (let i = 0; i < len; i++) {
      carry = carry << 8 | from[i];
      pos += 8;
      for (; pos >= 5; pos -= 5)
        res[j++] = carry >> pos - 5 & 31;
    }
    if (pos > 0)
      res[j] = carry << 5 - pos & 31;
    return res;
  };
  const fromWords = (to) => {
    anumArr("radix2.decode", to);
    const len = to.length;
    const digits = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      const w = to[i];
      if (w < 0 || w >= 32)
        throw new Error(`convertRadix2: invalid word=${w}`);
      digits[i] = w;
    }
    return _words.decode(digits);
  };
  const fromWordsUnsafe = unsafeWrapper(fromWords);
  function encode(prefix, words, limit = 90) {
    astr("bech32.encode prefix", prefix);
    if (limit !== false)
      anumber2(limit, "limit");
    if (isBytes2(words))
      words = u8ToNumArr(words);
    anumArr("bech32.encode", words);
    const plen = prefix.length;
    if (plen === 0)
      throw new TypeError(`Invalid prefix length ${plen}`);
    const actualLength = plen + 7 + words.length;
    if (limit !== false && actualLength > limit)
      throw new TypeError(`Length ${actualLength} exceeds limit ${limit}`);
    assertBech32Printable("bech32.encode prefix", prefix);
    const lowered = prefix.toLowerCase();
    const sum = bechChecksum(lowered, words, ENCODING_CONST);
    return `${lowered}1${BECH_ALPHABET.encode(wordsToU8(words))}${sum}`;
  }
  function decode(str, limit = 90) {
    astr("bech32.decode input", str);
    if (limit !== false)
      anumber2(limit, "limit");
    const slen = str.length;
    if (slen < 8 || limit !== false && slen > limit)
      throw new TypeError(`invalid string length ${slen}, expected (8..${limit})`);
    const lowered = str.toLowerCase();
    if (str !== lowered) {
      if (!BECH_UPPERCASE_PRINTABLE.test(str)) {
        assertBech32Printable("bech32.decode input", str);
        throw new Error(`mixed-case string not allowed`);
      }
    }
    const sepIndex = lowered.lastIndexOf("1");
    if (sepIndex === 0 || sepIndex === -1)
      throw new Error(`invalid separator "1"`);
    const prefix = lowered.slice(0, sepIndex);
    const data = lowered.slice(sepIndex + 1);
    if (data.length < 6)
      throw new Error("invalid data length");
    const digits = BECH_ALPHABET.decode(data);
    const words = u8ToNumArr(digits, digits.length - 6);
    const sum = bechChecksum(prefix, words, ENCODING_CONST);
    if (!data.endsWith(sum))
      throw new Error(`Invalid checksum in ${str}`);
    return { prefix, words };
  }
  const decodeUnsafe = unsafeWrapper(decode);
  function decodeToBytes(str, limit = 90) {
    const { prefix, words } = decode(str, limit);
    return {
      prefix,
      words,
      bytes: fromWords(words)
    };
  }
  function encodeFromBytes(prefix, bytes2) {
    return encode(prefix, toWords(bytes2));
  }
  return {
    encode,
    decode,
    encodeFromBytes,
    decodeToBytes,
    decodeUnsafe,
    fromWords,
    fromWordsUnsafe,
    toWords
  };
}
var bech32 = /* @__PURE__ */ freeze(() => genBech32("bech32"));

// src/recipient.js
var X25519 = "X25519";
var MLKEM768X25519 = "mlkem768x25519";
var RecipientError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "RecipientError";
  }
};
function recipientType(recipient) {
  if (typeof recipient !== "string" || recipient.length === 0) {
    throw new RecipientError("recipient must be a non-empty string");
  }
  const shown = recipient.length > 24 ? `${recipient.slice(0, 20)}…` : recipient;
  if (recipient !== recipient.toLowerCase()) {
    throw new RecipientError(`recipient ${shown} must be lower case`);
  }
  let prefix;
  let bytes2;
  try {
    const decoded = bech32.decode(recipient, false);
    prefix = decoded.prefix;
    bytes2 = bech32.fromWords(decoded.words);
  } catch (e) {
    throw new RecipientError(`recipient ${shown} is not valid bech32: ${e.message}`);
  }
  if (prefix === "age" && bytes2.length === 32) return X25519;
  if (prefix === "age1pq" && bytes2.length === 1216) return MLKEM768X25519;
  throw new RecipientError(
    `recipient ${shown} is not an age X25519 (age1…) or mlkem768x25519 (age1pq1…) recipient`
  );
}

// src/container.js
var MAGIC = Object.freeze([87, 66, 79, 88]);
var MANIFEST_MAX = 65536;
var MIN_PADDED_LEN = 65536;
var KINDS = Object.freeze(["report", "followup", "reply", "status"]);
var SLICE = 1024 * 1024;
var PAD_CHUNK = 64 * 1024;
var encoder2 = new TextEncoder();
function checkLength(len) {
  if (!Number.isInteger(len) || len < 0 || len > 2 ** 53) {
    throw new RangeError(`a length must be an integer from 0 to 2^53, got ${len}`);
  }
}
function bitLength(n) {
  return n.toString(2).length;
}
function padme(len) {
  checkLength(len);
  if (len < 2) return len;
  const l = BigInt(len);
  const e = bitLength(l) - 1;
  const s = bitLength(BigInt(e));
  const mask = (1n << BigInt(e - s)) - 1n;
  return Number(l + mask & ~mask);
}
function paddedLen(len) {
  return Math.max(MIN_PADDED_LEN, padme(len));
}
var U64_MAX = 2n ** 64n - 1n;

// src/page/limits.js
var CHUNK = 65536;
var TAG = 16;
var FIXED = 17;
function headerMax(stanzaType, count) {
  return 64 + count * (stanzaType === "mlkem768x25519" ? 1600 : 128);
}
function ciphertextLength(plain, header) {
  return header + TAG + plain + TAG * Math.max(1, Math.ceil(plain / CHUNK));
}
function maxAttachmentBytes(maxBody, stanzaType, count) {
  const header = headerMax(stanzaType, count);
  const fits = (t2) => ciphertextLength(paddedLen(FIXED + MANIFEST_MAX + t2), header) <= maxBody;
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

// src/refusal.js
var REFUSALS = Object.freeze({
  rate_limited: "rate_limited",
  busy: "busy",
  too_many_uploads: "busy",
  storage_full: "storage_full",
  disk_full: "disk_full"
});
var DEFAULT_WAIT = Object.freeze({ rate_limited: 60, busy: 60, storage_full: 3600, disk_full: 600 });
var RETRY_AFTER_MAX_MS = 5 * 60 * 1e3;
function refusalText(reason, retryAfter, prefix = "error") {
  if (!Object.hasOwn(DEFAULT_WAIT, reason)) return { key: `${prefix}.${reason}`, params: {} };
  const seconds = Number.isSafeInteger(retryAfter) && retryAfter >= 0 ? retryAfter : DEFAULT_WAIT[reason];
  return { key: `${prefix}.${reason}`, params: { minutes: Math.max(1, Math.ceil(seconds / 60)) } };
}

// src/selection.js
var ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;
var SelectionError = class extends Error {
  constructor(code, message) {
    super(message);
    this.name = "SelectionError";
    this.code = code;
  }
};
function selectInvestigators(investigators, excluded, minRecipients) {
  const known = investigators.map((inv) => inv.id);
  const leave2 = new Set(excluded);
  for (const id of leave2) {
    if (!known.includes(id)) {
      throw new SelectionError("unknown", `no such investigator ${JSON.stringify(id)} (the team is: ${known.join(", ")})`);
    }
  }
  const chosen = investigators.filter((inv) => !leave2.has(inv.id)).map(({ id, recipient }) => ({ id, recipient }));
  if (chosen.length < minRecipients) {
    throw new SelectionError(
      "too_few",
      `after the exclusions ${chosen.length} investigator(s) remain; the team needs at least ${minRecipients}`
    );
  }
  checkChosen(chosen);
  return chosen;
}
function checkChosen(chosen) {
  if (!Array.isArray(chosen) || chosen.length === 0) {
    throw new SelectionError("invalid", "no investigator is chosen");
  }
  const seen = /* @__PURE__ */ new Set();
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

// src/page/submit.js
var ASSUMED_RATE = 15e5;
var WINDOW_MS = 15e3;
var WARMUP_MS = 3e3;
var Estimator = class {
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
    const rate = span >= WARMUP_MS && done > d0 ? (done - d0) / span * 1e3 : ASSUMED_RATE;
    return Math.max(0, total - done) / rate;
  }
};
function startSending(job, on) {
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
    return () => {
    };
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
        on.done({
          id: data.id,
          day: data.day,
          codename: typeof data.codename === "string" ? data.codename : null,
          // The log's receipt line (§10.5), or why it could not be confirmed.
          receipt: typeof data.receipt === "string" ? data.receipt : null,
          receiptError: typeof data.receiptError === "string" ? data.receiptError : null
        });
        break;
      case "codename":
        fail("codename", data.code, false);
        break;
      case "error":
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
function deleteSession(upload) {
  fetch(`/api/uploads/${upload}`, { method: "DELETE", cache: "no-store" }).catch(() => {
  });
}
function readMailbox(codename, receipt, maxItemBytes, on) {
  let worker;
  let finished = false;
  const finish = () => {
    finished = true;
    worker?.terminate();
  };
  const fail = (reason, detail) => {
    if (finished) return;
    finish();
    on.error({ reason, detail });
  };
  try {
    worker = new Worker("/assets/worker.js", { type: "module" });
  } catch (e) {
    queueMicrotask(() => fail("worker", String(e?.message ?? e)));
    return () => {
    };
  }
  worker.onerror = (e) => {
    e.preventDefault?.();
    fail("worker", e.message || "the worker failed to start");
  };
  worker.onmessageerror = () => fail("worker", "a message from the worker could not be read");
  worker.onmessage = ({ data }) => {
    if (finished) return;
    switch (data?.type) {
      case "reading":
        on.reading(data.done, data.total);
        break;
      case "thread":
        finish();
        on.thread(Array.isArray(data.items) ? data.items : [], typeof data.log === "object" && data.log !== null ? data.log : null);
        break;
      case "codename":
        finish();
        on.codename({ code: data.code, position: data.position, found: data.found });
        break;
      case "error":
        fail(data.reason, data.detail);
        break;
      default:
        fail("worker", "unexpected message from the worker");
    }
  };
  try {
    worker.postMessage({ type: "read", codename, receipt, maxItemBytes });
  } catch (e) {
    queueMicrotask(() => fail("worker", String(e?.message ?? e)));
  }
  return finish;
}

// src/filename.js
var MAX_NAME_BYTES = 100;
var MAX_EXTENSION_BYTES = 20;
var FORBIDDEN = /* @__PURE__ */ new Set(["<", ">", ":", '"', "|", "?", "*"]);
var DEVICES = /* @__PURE__ */ new Set([
  "CON",
  "PRN",
  "AUX",
  "NUL",
  ...Array.from({ length: 9 }, (_, i) => `COM${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `LPT${i + 1}`)
]);
var encoder3 = new TextEncoder();
var bytes = (s) => encoder3.encode(s).length;
function dangerous(c) {
  const cp = c.codePointAt(0);
  return cp < 32 || cp >= 127 && cp <= 159 || cp === 1564 || cp === 8206 || cp === 8207 || cp >= 8234 && cp <= 8238 || cp >= 8294 && cp <= 8297;
}
var trimDotsSpaces = (s) => s.replace(/^[. ]+|[. ]+$/g, "");
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
function sanitiseName(name, n) {
  const parts = String(name).split(/[/\\]/);
  const last = parts[parts.length - 1];
  const kept = Array.from(last).filter((c) => !dangerous(c) && !FORBIDDEN.has(c)).join("");
  const trimmed = trimDotsSpaces(kept);
  if (trimmed === "") return `attachment-${n}`;
  const named = isDevice(trimmed) ? `_${trimmed}` : trimmed;
  if (bytes(named) <= MAX_NAME_BYTES) return named;
  const [stem, ext] = splitExtension(named);
  const fitted = trimDotsSpaces(fit(stem, "", ext));
  return fitted === "" ? `attachment-${n}` : fitted;
}
function uniqueNames(names) {
  const taken = /* @__PURE__ */ new Set();
  return names.map((name, i) => {
    const clean2 = sanitiseName(name, i + 1);
    let candidate = clean2;
    for (let k = 2; taken.has(candidate.toLowerCase()); k++) {
      const [stem, ext] = splitExtension(clean2);
      candidate = fit(stem, ` (${k})`, ext);
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

// src/page/members.js
function mayExcludeAnother(team, excluded) {
  return team.investigators.length - excluded.size - 1 >= team.minRecipients;
}
function toggleExclusion(team, excluded, id, box) {
  if (!box.checked) {
    excluded.delete(id);
    return false;
  }
  if (!mayExcludeAnother(team, excluded)) {
    box.checked = false;
    return true;
  }
  excluded.add(id);
  return false;
}
function renderMembers(list, team, excluded, { prefix, testid, minId, onToggle }) {
  const ids = team.investigators.map((inv) => inv.id).join(",");
  if (list.dataset.team !== ids) {
    list.replaceChildren(...team.investigators.map((inv) => memberItem(inv, { prefix, testid, minId, onToggle })));
    list.dataset.team = ids;
  }
  for (const inv of team.investigators) {
    const li = list.querySelector(`li[data-id="${inv.id}"]`);
    li.classList.toggle("excluded", excluded.has(inv.id));
    li.querySelector(".exclude-text").textContent = t("team.exclude");
    li.querySelector(".key-label").textContent = t("team.key");
    document.getElementById(`${prefix}exclude-${inv.id}`).checked = excluded.has(inv.id);
  }
}
function memberItem(inv, { prefix, testid, minId, onToggle }) {
  const li = document.createElement("li");
  li.dataset.testid = testid;
  li.dataset.id = inv.id;
  const who = document.createElement("p");
  who.className = "who";
  who.id = `${prefix}name-${inv.id}`;
  who.textContent = inv.name;
  const role = document.createElement("p");
  role.className = "role";
  role.textContent = inv.role;
  const key = document.createElement("p");
  key.className = "key";
  const keyLabel = document.createElement("span");
  keyLabel.className = "key-label";
  const fp = document.createElement("code");
  fp.className = "fingerprint";
  fp.id = `${prefix}fp-${inv.id}`;
  fp.textContent = inv.fingerprint;
  key.append(keyLabel, fp);
  const label = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = `${prefix}exclude-${inv.id}`;
  box.setAttribute("aria-describedby", `${prefix}name-${inv.id} ${minId}`);
  box.addEventListener("change", () => onToggle(inv.id, box));
  const text3 = document.createElement("span");
  text3.className = "exclude-text";
  label.append(box, text3);
  li.append(who);
  if (inv.role !== "") li.append(role);
  li.append(key, label);
  return li;
}

// src/page/check.js
var $ = (id) => document.getElementById(id);
var encoder4 = new TextEncoder();
var MESSAGE_MAX_BYTES = 32768;
var DEFAULT_ITEM_BYTES = 256 * 1024 * 1024;
var STATES = ["received", "acknowledged", "investigating", "need_more_information", "closed"];
var OUTCOMES = ["substantiated", "not_substantiated", "inconclusive", "resolved", "withdrawn", "referred"];
var ctx = null;
var check = {
  codename: null,
  // while the thread is open
  receipt: "",
  // the receipt line the reporter pasted (§10.6), while the thread is open
  log: null,
  // the worker's log check: {ok, verified, size, extendsReceipt} | {ok: false, code}
  items: null,
  // the thread as the worker gave it
  urls: [],
  // Blob URLs to revoke
  loads: 0,
  // completed loads (a test hook: #thread-box[data-loads])
  reading: null,
  // cancels the running read
  sending: null,
  // cancels the running follow-up
  progress: null,
  // {done, total} of the follow-up
  files: null,
  // FileList of the follow-up
  codenameError: null,
  // {key, params}
  followupError: null,
  // key
  followupParams: {},
  // its parameters ({minutes} of a §4.4 refusal)
  excluded: /* @__PURE__ */ new Set(),
  // investigator ids the follow-up is not sent to
  minReached: false
  // the minimum rule refused the last tick
};
function initCheck(context) {
  ctx = context;
  check.files = new FileList({
    input: $("followup-files"),
    zone: $("followup-dropzone"),
    onChange: renderFollowupFiles,
    onTooMany: () => {
      $("followup-files-error").hidden = false;
      $("followup-files-error").textContent = t("files.too_many", { max: formatNumber(MAX_FILES) });
    }
  });
  $("check-form").addEventListener("submit", onOpen);
  $("check-back").addEventListener("click", () => leave());
  $("check-leave").addEventListener("click", () => leave());
  $("thread-refresh").addEventListener("click", () => load());
  $("followup-form").addEventListener("submit", onSend);
  $("followup-cancel").addEventListener("click", onCancel);
}
function openCheck() {
  reset();
  ctx.setError(null);
  ctx.show("check");
}
function renderCheck() {
  renderCodenameError();
  renderThread();
  renderFollowupTeam();
  renderFollowupFiles();
  renderFollowupProgress();
  renderFollowupError();
}
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
      check.codenameError = err.code === "unknown_word" ? { key: "check.err.unknown_word", params: { position: formatNumber(err.position ?? 0) } } : err.found === 0 ? { key: "check.err.empty", params: {} } : { key: "check.err.word_count", params: { found: formatNumber(err.found ?? 0) } };
      renderCodenameError();
      $("codename-input").focus();
    },
    done() {
      $("check-open").disabled = false;
    }
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
    }
  });
}
function load() {
  if (check.codename === null || check.reading !== null) return;
  $("thread-refresh").disabled = true;
  read(check.codename, {
    done() {
      $("thread-refresh").disabled = false;
    }
  });
}
var statusKey = null;
var statusParams = {};
function setThreadStatus(key, params = {}) {
  statusKey = key;
  statusParams = params;
  $("thread-status").textContent = key === null ? "" : t(key, params);
}
function showThread(items) {
  check.items = items.slice(0, 1e3);
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
function renderLog() {
  const box = $("thread-log");
  const log = check.log;
  box.className = "";
  box.dataset.result = log === null ? "" : log.ok ? "verified" : log.code;
  if (log === null) {
    box.textContent = "";
  } else if (log.ok && !log.extendsReceipt && log.verified === 0) {
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
  el.textContent = content;
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
      const blob = a.blob instanceof Blob ? new Blob([a.blob], { type: "application/octet-stream" }) : new Blob([]);
      const url = URL.createObjectURL(blob);
      check.urls.push(url);
      link.href = url;
      link.download = names[i];
      link.rel = "noopener";
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
function followupLimit() {
  const team = ctx.team();
  if (team === null) return null;
  const count = team.investigators.length - excludedOf(team).size;
  return maxAttachmentBytes(team.maxBodyBytes, team.stanzaType, Math.max(1, count) + 1);
}
function excludedOf(team) {
  const ids = new Set(team.investigators.map((inv) => inv.id));
  for (const id of check.excluded) if (!ids.has(id)) check.excluded.delete(id);
  return check.excluded;
}
function renderFollowupTeam() {
  const team = ctx.team();
  $("followup-team-box").hidden = team === null;
  if (team === null) return;
  const excluded = excludedOf(team);
  const total = team.investigators.length;
  $("followup-team-min").textContent = t("followup.team.min", {
    min: formatNumber(team.minRecipients),
    max: formatNumber(total - team.minRecipients)
  });
  renderMembers($("followup-team-list"), team, excluded, {
    prefix: "followup-",
    testid: "followup-member",
    minId: "followup-team-min",
    onToggle: onFollowupExclude
  });
  const sending = $("followup-form").dataset.state === "sending";
  for (const box of $("followup-team-list").querySelectorAll("input[type=checkbox]")) box.disabled = sending;
  $("followup-team-count").textContent = t("team.count", {
    count: formatNumber(total - excluded.size),
    total: formatNumber(total)
  });
  $("followup-team-min-reached").hidden = !check.minReached;
  $("followup-team-min-reached").textContent = check.minReached ? t("team.min_reached", { min: formatNumber(team.minRecipients) }) : "";
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
    })
  );
  const tooLarge = limit !== null && check.files.size > limit;
  $("followup-files-error").hidden = !tooLarge;
  $("followup-files-error").textContent = tooLarge ? t("files.too_large", { size: formatSize(check.files.size), limit: formatSize(limit) }) : "";
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
  if (encoder4.encode(trimmed).length > MESSAGE_MAX_BYTES) {
    setFollowupError("followup.err.too_long");
    $("followup-message").focus();
    return;
  }
  const team = ctx.team();
  if (team === null) {
    if (ctx.teamError()?.reason === "error.keys_mixed") {
      setFollowupError("error.keys_mixed");
      return;
    }
    setFollowupError("followup.err.team");
    ctx.loadTeam();
    return;
  }
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
      clientTime: ctx.localDay()
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
          codename: "followup.err.failed"
        };
        setFollowupError(keys[reason] ?? "followup.err.failed");
        $("followup-error").focus();
      }
    }
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
  $("followup-progress").value = Math.round(fraction * 1e3);
  $("followup-progress").setAttribute("aria-valuetext", formatPercent(fraction));
  $("followup-progress-text").textContent = p.phase === "pow" ? t("progress.pow") : t("progress.percent", { percent: formatPercent(fraction) });
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
  check.excluded = /* @__PURE__ */ new Set();
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
function leave() {
  reset();
  ctx.show("welcome");
}

// src/page/team.js
var TeamError = class extends Error {
  constructor(message, reason = "error.keys") {
    super(message);
    this.name = "TeamError";
    this.reason = reason;
  }
};
var ID2 = /^[a-z0-9][a-z0-9_-]{0,31}$/;
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
var MAX_TEAM = 32;
var encoder5 = new TextEncoder();
function hexSha256(text3) {
  return bytesToHex(sha256(encoder5.encode(text3)));
}
function shortFingerprint(recipient) {
  return hexSha256(recipient).slice(0, 16).match(/.{4}/g).join(" ");
}
function keysetFingerprint(name, investigators) {
  const sorted = [...investigators].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  let text3 = `whistlebox-keyset-v1
name ${name}
`;
  for (const inv of sorted) {
    text3 += `investigator ${inv.id} ${inv.recipient}
name ${inv.name}
role ${inv.role}
`;
  }
  return hexSha256(text3);
}
function keyTypeText(stanzaType) {
  if (stanzaType === "mlkem768x25519") return "team.key_type.pq";
  if (stanzaType === "X25519") return "team.key_type.classic";
  throw new TeamError(`unknown stanza type ${JSON.stringify(stanzaType)}`);
}
function groupFingerprint(hex) {
  return hex.match(/.{1,4}/g).join(" ");
}
function text2(value, what, min, max) {
  if (typeof value !== "string") throw new TeamError(`${what} is missing`);
  const len = encoder5.encode(value).length;
  if (len < min || len > max || CONTROL.test(value)) {
    throw new TeamError(`${what} must be ${min}–${max} bytes without control or bidirectional-control characters`);
  }
  return value;
}
function verifyTeam(json) {
  if (typeof json !== "object" || json === null) throw new TeamError("the answer is not an object");
  const name = text2(json.name, "the team name", 1, 128);
  const stanzaType = json.stanza_type;
  if (stanzaType !== "X25519" && stanzaType !== "mlkem768x25519") {
    throw new TeamError(`unknown stanza type ${JSON.stringify(stanzaType)}`);
  }
  const list = json.investigators;
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_TEAM) {
    throw new TeamError(`the team must have 1–${MAX_TEAM} investigators`);
  }
  const types = /* @__PURE__ */ new Set();
  for (const inv of list) {
    try {
      types.add(recipientType(inv?.recipient));
    } catch {
    }
  }
  if (types.size > 1) {
    throw new TeamError(
      "the keyset mixes X25519 (age1…) and post-quantum mlkem768x25519 (age1pq1…) keys; the page never encrypts to a mix",
      "error.keys_mixed"
    );
  }
  const ids = /* @__PURE__ */ new Set();
  const recipients = /* @__PURE__ */ new Set();
  const investigators = list.map((inv, i) => {
    if (typeof inv !== "object" || inv === null) throw new TeamError(`investigator ${i} is not an object`);
    if (typeof inv.id !== "string" || !ID2.test(inv.id)) throw new TeamError(`investigator ${i} has a bad id`);
    if (ids.has(inv.id)) throw new TeamError(`investigator id ${inv.id} appears twice`);
    ids.add(inv.id);
    const recipient = inv.recipient;
    let type;
    try {
      type = recipientType(recipient);
    } catch (e) {
      throw new TeamError(`the key of ${inv.id} is malformed: ${e.message}`);
    }
    if (type !== stanzaType) {
      throw new TeamError(
        `the keys are ${type}, the team announces ${stanzaType}`
      );
    }
    if (recipients.has(recipient)) throw new TeamError(`the key of ${inv.id} appears twice`);
    recipients.add(recipient);
    const fingerprint2 = shortFingerprint(recipient);
    if (inv.fingerprint !== fingerprint2) {
      throw new TeamError(`the fingerprint the relay gives for ${inv.id} does not match its key`);
    }
    return {
      id: inv.id,
      name: text2(inv.name, `the name of ${inv.id}`, 1, 128),
      role: text2(inv.role, `the role of ${inv.id}`, 0, 128),
      recipient,
      fingerprint: fingerprint2
    };
  });
  const fingerprint = keysetFingerprint(name, investigators);
  if (json.fingerprint !== fingerprint) {
    throw new TeamError("the keyset fingerprint the relay gives does not match the keys it serves");
  }
  const minRecipients = json.min_recipients;
  if (!Number.isSafeInteger(minRecipients) || minRecipients < 1 || minRecipients > investigators.length) {
    throw new TeamError(`min_recipients must be 1–${investigators.length}`);
  }
  const maxBodyBytes = json.max_body_bytes;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TeamError("max_body_bytes must be a positive integer");
  }
  return { name, fingerprint, stanzaType, minRecipients, maxBodyBytes, investigators };
}
async function fetchTeam() {
  const res = await fetch("/api/team", { cache: "no-store" });
  if (!res.ok) throw new Error(`GET /api/team answered HTTP ${res.status}`);
  let json;
  try {
    json = await res.json();
  } catch {
    throw new TeamError("GET /api/team did not answer JSON");
  }
  return verifyTeam(json);
}

// src/page/app.js
var $2 = (id) => document.getElementById(id);
var state = {
  view: "welcome",
  team: null,
  // verified team (team.js), or null
  teamError: null,
  // {reason, detail} when the team could not be used
  excluded: /* @__PURE__ */ new Set(),
  // investigator ids
  safety: null,
  // {locale: text} from /api/site
  files: null,
  // FileList
  error: null,
  // {key, detail} shown in #error
  notice: null,
  // key of a message shown in #notice
  minReached: false,
  cancel: null,
  // cancels the running submission
  progress: null,
  // {phase, done, total, announced, retrying, estimator}
  receipt: null
  // {id, day, codename, receipt, receiptError}: the codename only while the done view shows it
};
var VIEWS = ["welcome", "form", "team", "progress", "done", "check"];
function show(view) {
  if (state.view === "done" && view !== "done") forgetCodename();
  state.view = view;
  setNotice(null);
  for (const name of VIEWS) $2(`view-${name}`).hidden = name !== view;
  document.body.dataset.view = view;
  window.scrollTo(0, 0);
  $2(`${view}-heading`).focus();
}
function setError(key, detail = null, params = {}) {
  state.error = key === null ? null : { key, detail, params };
  renderError();
  if (key !== null) $2("error").focus();
}
function setNotice(key) {
  state.notice = key;
  renderNotice();
}
function renderNotice() {
  $2("notice").hidden = state.notice === null;
  $2("notice").textContent = state.notice === null ? "" : t(state.notice);
}
function renderError() {
  const box = $2("error");
  box.hidden = state.error === null;
  if (state.error === null) return;
  $2("error-text").textContent = t(state.error.key, state.error.params);
  $2("error-details").hidden = !state.error.detail;
  $2("error-detail-text").textContent = state.error.detail ?? "";
}
function render() {
  applyTexts();
  for (const tag of LOCALES) $2(`lang-${tag}`).setAttribute("aria-pressed", String(tag === locale()));
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
function renderSafety() {
  const text3 = state.safety?.[locale()] ?? state.safety?.en ?? "";
  $2("safety-deployer").hidden = text3 === "";
  $2("safety-text").textContent = text3;
}
async function loadSite() {
  try {
    const res = await fetch("/api/site", { cache: "no-store" });
    if (!res.ok) return;
    const site = await res.json();
    if (site && typeof site.safety === "object" && site.safety !== null) {
      state.safety = Object.fromEntries(
        Object.entries(site.safety).filter(([, v]) => typeof v === "string")
      );
    }
  } catch {
  }
}
function fileLimit() {
  if (state.team === null) return null;
  const count = state.team.investigators.length - state.excluded.size;
  return maxAttachmentBytes(state.team.maxBodyBytes, state.team.stanzaType, Math.max(1, count));
}
function renderFiles() {
  const files = state.files.files;
  const limit = fileLimit();
  $2("files-limit").textContent = limit === null ? "" : t("files.limit", { limit: formatSize(limit) });
  const list = $2("file-list");
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
        const buttons = list.querySelectorAll("button");
        (buttons[Math.min(i, buttons.length - 1)] ?? $2("files")).focus();
      });
      li.append(name, size, remove);
      return li;
    })
  );
  const total = state.files.size;
  $2("files-total").textContent = files.length === 0 ? t("files.none") : t("files.total", {
    count: formatNumber(files.length),
    size: formatSize(total),
    limit: limit === null ? "…" : formatSize(limit)
  });
  const tooLarge = limit !== null && total > limit;
  $2("files-error").hidden = !tooLarge;
  $2("files-error").textContent = tooLarge ? t("files.too_large", { size: formatSize(total), limit: formatSize(limit) }) : "";
}
function markProblems(problems) {
  for (const field of FIELDS) {
    if (!field.id) continue;
    const el = $2(field.id);
    el.removeAttribute("aria-invalid");
    $2(`${field.id}-error`)?.remove();
    const hint = `${field.id}-hint`;
    el.setAttribute("aria-describedby", hint);
  }
  for (const p of problems) {
    const el = $2(p.id);
    el.setAttribute("aria-invalid", "true");
    if ($2(`${p.id}-error`)) continue;
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
  const problems = formProblems(readFields($2("report-form")));
  markProblems(problems);
  const limit = fileLimit();
  if (problems.length > 0) {
    $2(problems[0].id).focus();
    return;
  }
  if (limit !== null && state.files.size > limit) {
    $2("files").focus();
    return;
  }
  setError(null);
  show("team");
  if (state.team === null) loadTeam();
}
async function loadTeam() {
  $2("team-loading").hidden = false;
  $2("team-retry").hidden = true;
  try {
    state.team = await fetchTeam();
    state.teamError = null;
    state.excluded = /* @__PURE__ */ new Set();
  } catch (e) {
    state.team = null;
    state.teamError = { reason: e instanceof TeamError ? e.reason : "error.team_unavailable", detail: e.message };
  }
  $2("team-loading").hidden = true;
  render();
  if (state.teamError !== null && state.view === "team") setError(state.teamError.reason, state.teamError.detail);
}
function renderTeam() {
  const team = state.team;
  $2("team-box").hidden = team === null;
  $2("team-retry").hidden = state.teamError === null;
  $2("submit").disabled = team === null;
  if (team === null) return;
  $2("team-name").textContent = team.name;
  $2("keyset-fingerprint").textContent = groupFingerprint(team.fingerprint);
  $2("team-key-type").textContent = t(keyTypeText(team.stanzaType));
  const total = team.investigators.length;
  $2("team-min").textContent = t("team.min", {
    min: formatNumber(team.minRecipients),
    max: formatNumber(total - team.minRecipients)
  });
  renderMembers($2("team-list"), team, state.excluded, {
    prefix: "",
    testid: "member",
    minId: "team-min",
    onToggle: onExclude
  });
  $2("team-count").textContent = t("team.count", {
    count: formatNumber(total - state.excluded.size),
    total: formatNumber(total)
  });
  $2("team-min-reached").hidden = !state.minReached;
  $2("team-min-reached").textContent = state.minReached ? t("team.min_reached", { min: formatNumber(team.minRecipients) }) : "";
}
function onExclude(id, box) {
  state.minReached = toggleExclusion(state.team, state.excluded, id, box);
  renderTeam();
  renderFiles();
}
function localDay() {
  const d = /* @__PURE__ */ new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
function onSubmit() {
  const team = state.team;
  if (team === null) {
    setError(state.teamError?.reason ?? "error.keys", state.teamError?.detail);
    return;
  }
  const fields = readFields($2("report-form"));
  if (formProblems(fields).length > 0) {
    show("form");
    onFormSubmit(new Event("submit"));
    return;
  }
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
      clientTime: localDay()
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
        state.progress = null;
        state.receipt = receipt;
        clearForm($2("report-form"));
        state.files.clear();
        state.excluded = /* @__PURE__ */ new Set();
        renderReceipt();
        renderTeam();
        show("done");
      },
      error({ reason, detail, retryAfter }) {
        state.cancel = null;
        state.progress = null;
        show("team");
        const { key, params } = refusalText(reason, retryAfter ?? null);
        setError(key, detail || null, params);
      }
    }
  );
}
function onCancel2() {
  if (state.cancel === null) return;
  state.cancel();
  state.cancel = null;
  state.progress = null;
  show("form");
  setNotice("progress.cancelled");
  $2("notice").focus();
}
function renderProgress() {
  const p = state.progress;
  if (p === null) return;
  const fraction = Math.min(1, p.done / Math.max(1, p.total));
  $2("progress").value = Math.round(fraction * 1e3);
  $2("progress").setAttribute("aria-valuetext", formatPercent(fraction));
  $2("progress-phase").textContent = t(`progress.${p.phase}`);
  const seconds = p.estimator.secondsLeft(p.done, p.total);
  $2("progress-text").textContent = p.phase === "committing" || p.phase === "pow" || p.total === 0 || p.retrying === "progress.retrying" ? t("progress.percent", { percent: formatPercent(fraction) }) : t("progress.eta", { percent: formatPercent(fraction), time: formatDuration(seconds) });
  const tenth = Math.floor(fraction * 10);
  if (tenth !== p.announced) {
    p.announced = tenth;
    $2("progress-live").textContent = t("progress.percent", { percent: formatPercent(tenth / 10) });
  }
  $2("retry-note").hidden = p.retrying === null;
  $2("retry-note").textContent = p.retrying === null ? "" : t(p.retrying);
}
function renderReceipt() {
  const r = state.receipt;
  if (r === null) return;
  $2("receipt-id").textContent = r.id;
  $2("receipt-day").dateTime = r.day;
  $2("receipt-day").textContent = formatDay(r.day);
  renderLogReceipt();
  renderCodename();
}
function renderLogReceipt() {
  const r = state.receipt;
  const box = $2("log-receipt-box");
  box.hidden = r === null || r.receipt === null && r.receiptError === null;
  if (box.hidden) return;
  box.dataset.result = r.receipt !== null ? "verified" : r.receiptError;
  $2("log-receipt-status").textContent = r.receipt !== null ? t("receipt.verified") : t("receipt.failed", { code: r.receiptError });
  $2("log-receipt-text").textContent = r.receipt ?? "";
  $2("log-receipt-text").hidden = r.receipt === null;
  $2("log-receipt-hint").hidden = r.receipt === null;
}
function renderCodename() {
  const codename = state.receipt?.codename ?? null;
  $2("codename-box").hidden = codename === null;
  const box = $2("codename-text");
  if (codename === null) {
    box.replaceChildren();
    return;
  }
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
  $2("codename-text").replaceChildren();
  $2("codename-copy-status").textContent = "";
  $2("codename-box").hidden = true;
  window.getSelection?.()?.removeAllRanges();
}
async function onCopyCodename() {
  const codename = state.receipt?.codename;
  if (!codename) return;
  const status = $2("codename-copy-status");
  try {
    if (typeof navigator.clipboard?.writeText !== "function") throw new Error("no clipboard");
    await navigator.clipboard.writeText(codename.replaceAll("-", " "));
    status.textContent = t("codename.copied");
  } catch {
    const range = document.createRange();
    range.selectNodeContents($2("codename-text"));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = t("codename.selected");
  }
}
function missingFeatures() {
  const needed = {
    Worker: typeof Worker,
    ReadableStream: typeof ReadableStream,
    TextEncoder: typeof TextEncoder,
    fetch: typeof fetch,
    "crypto.getRandomValues": typeof globalThis.crypto?.getRandomValues,
    Intl: typeof Intl?.NumberFormat
  };
  return Object.entries(needed).filter(([, type]) => type !== "function").map(([name]) => name);
}
async function main() {
  setLocale(pickLocale(navigator.languages ?? [navigator.language]));
  const site = loadSite();
  try {
    await loadLocales();
  } catch (e) {
    document.body.append(`Whistlebox: the page could not load its texts (${e.message}). Nothing was sent.`);
    return;
  }
  state.files = new FileList({
    input: $2("files"),
    zone: $2("dropzone"),
    onChange: renderFiles,
    onTooMany: () => {
      $2("files-error").hidden = false;
      $2("files-error").textContent = t("files.too_many", { max: formatNumber(64) });
    }
  });
  for (const tag of LOCALES) $2(`lang-${tag}`).addEventListener("click", () => switchLanguage(tag));
  $2("start").addEventListener("click", () => show("form"));
  $2("back-to-welcome").addEventListener("click", () => show("welcome"));
  $2("report-form").addEventListener("submit", onFormSubmit);
  $2("back-to-form").addEventListener("click", () => {
    setError(null);
    show("form");
  });
  $2("team-retry").addEventListener("click", () => {
    setError(null);
    loadTeam();
  });
  $2("submit").addEventListener("click", onSubmit);
  $2("cancel").addEventListener("click", onCancel2);
  $2("codename-copy").addEventListener("click", onCopyCodename);
  $2("check-start").addEventListener("click", openCheck);
  $2("check-from-done").addEventListener("click", openCheck);
  initCheck({
    show,
    setError,
    setNotice,
    team: () => state.team,
    teamError: () => state.teamError,
    loadTeam,
    localDay
  });
  render();
  $2("app").hidden = false;
  document.body.dataset.view = "welcome";
  const missing = missingFeatures();
  if (missing.length > 0) {
    $2("start").disabled = true;
    setError("error.unsupported", `missing: ${missing.join(", ")}`);
  }
  await Promise.all([site, loadTeam()]);
  render();
  document.body.dataset.state = "ready";
}
main();
