// Tests of web/src/page/team.js (PROTOCOL.md §3, §4.1): the page's check of
// GET /api/team before anything is encrypted — X25519 and post-quantum teams
// pass, a keyset that mixes the two types is refused with its own reason; the
// team view names the verified type in words.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { TeamError, keyTypeText, keysetFingerprint, shortFingerprint, verifyTeam } from "../src/page/team.js";

const ROOT = new URL("../../", import.meta.url);

/** The investigators of a keys/*.toml keyset (id, name, role, recipient lines). */
async function investigatorsOf(path) {
  const text = await readFile(new URL(path, ROOT), "utf8");
  return text
    .split("[[investigator]]")
    .slice(1)
    .map((block) => {
      const get = (key) => block.match(new RegExp(`^${key} = "(.*)"$`, "m"))[1];
      return { id: get("id"), name: get("name"), role: get("role"), recipient: get("recipient") };
    });
}

/** A GET /api/team answer with correct fingerprints for `investigators`. */
function answer(investigators, stanzaType) {
  const name = "Example Investigation Team";
  return {
    name,
    fingerprint: keysetFingerprint(name, investigators),
    stanza_type: stanzaType,
    min_recipients: 1,
    max_body_bytes: 1 << 28,
    investigators: investigators.map((inv) => ({ ...inv, fingerprint: shortFingerprint(inv.recipient) })),
  };
}

const X = await investigatorsOf("keys/team.toml");
const PQ = await investigatorsOf("keys/team-pq.toml");

test("an X25519 team and a post-quantum team are accepted", () => {
  assert.equal(verifyTeam(answer(X, "X25519")).stanzaType, "X25519");
  const pq = verifyTeam(answer(PQ, "mlkem768x25519"));
  assert.equal(pq.stanzaType, "mlkem768x25519");
  assert.deepEqual(
    pq.investigators.map((inv) => inv.id),
    ["alice", "bob", "carol"],
  );
  assert.ok(pq.investigators.every((inv) => inv.recipient.startsWith("age1pq1")));
});

test("a keyset that mixes X25519 and post-quantum keys is refused as mixed, whatever it announces", () => {
  const mixes = [
    [X[0], PQ[1], X[2]],
    [PQ[0], X[1], PQ[2]],
    [X[0], PQ[1]],
  ];
  for (const list of mixes) {
    for (const type of ["X25519", "mlkem768x25519"]) {
      assert.throws(
        () => verifyTeam(answer(list, type)),
        (e) => e instanceof TeamError && e.reason === "error.keys_mixed" && /mixes X25519/.test(e.message),
        `${list.map((i) => i.recipient.slice(0, 7)).join(",")} as ${type}`,
      );
    }
  }
});

test("one type of keys, but not the announced one, is refused with the general reason", () => {
  for (const [list, type] of [
    [X, "mlkem768x25519"],
    [PQ, "X25519"],
  ]) {
    assert.throws(
      () => verifyTeam(answer(list, type)),
      (e) => e instanceof TeamError && e.reason === "error.keys",
    );
  }
  // A malformed key is the general reason too, not "mixed".
  const bad = [X[0], { ...X[1], recipient: "age1qqqq" }];
  assert.throws(
    () => verifyTeam(answer(bad, "X25519")),
    (e) => e instanceof TeamError && e.reason === "error.keys",
  );
});

test("the team view names the verified key type in words, in both languages", async () => {
  const locales = {
    en: JSON.parse(await readFile(new URL("web/locales/en.json", ROOT), "utf8")),
    "zh-CN": JSON.parse(await readFile(new URL("web/locales/zh-CN.json", ROOT), "utf8")),
  };
  assert.equal(keyTypeText(verifyTeam(answer(PQ, "mlkem768x25519")).stanzaType), "team.key_type.pq");
  assert.equal(keyTypeText(verifyTeam(answer(X, "X25519")).stanzaType), "team.key_type.classic");
  assert.equal(locales.en["team.key_type"], "Keys");
  assert.equal(locales.en["team.key_type.pq"], "Post-quantum (ML-KEM-768 + X25519)");
  assert.equal(locales.en["team.key_type.classic"], "Classic (X25519)");
  assert.equal(locales["zh-CN"]["team.key_type.pq"], "后量子（ML-KEM-768 + X25519）");
  assert.equal(locales["zh-CN"]["team.key_type.classic"], "传统（X25519）");
  for (const type of [undefined, "x25519", "mlkem768x25519 ", "age"]) {
    assert.throws(() => keyTypeText(type), TeamError, String(type));
  }
});

test("C1 controls and bidirectional controls in names are refused, like the Rust keyset parser does", () => {
  for (const bad of ["Alice\u009b31m", "Alice\u202enitraM", "Al\u2066ice", "Alice\u200f"]) {
    const team = X.map((inv, i) => (i === 0 ? { ...inv, name: bad } : inv));
    assert.throws(() => verifyTeam(answer(team, "X25519")), TeamError, JSON.stringify(bad));
    const named = answer(X, "X25519");
    named.name = `Team ${bad}`;
    named.fingerprint = keysetFingerprint(named.name, X);
    assert.throws(() => verifyTeam(named), TeamError, `team name ${JSON.stringify(bad)}`);
  }
  const fine = X.map((inv, i) => (i === 0 ? { ...inv, name: "马丽 Zoë Núñez" } : inv));
  assert.equal(verifyTeam(answer(fine, "X25519")).investigators[0].name, "马丽 Zoë Núñez");
});
