// Tests of web/src/selection.js (PROTOCOL.md §1.5 `recipients`, §2 E4, §8.4):
// the investigators a report or follow-up goes to, and the report's
// `recipients` field, come from one list — checked by encrypting to the
// selection and decrypting with the fixture keys of every investigator.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { Decrypter } from "age-encryption";
import { containerStream, decodeContainer, validateManifest } from "../src/container.js";
import { encryptContainer } from "../src/encrypt.js";
import { RECIPIENTS_FIELD, SelectionError, recipientsOf, reportFields, selectInvestigators } from "../src/selection.js";

const ROOT = new URL("../../", import.meta.url);

/** The investigators of keys/team.toml, in keyset order. */
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

async function secretKey(id) {
  const text = await readFile(new URL(`tests/fixtures/keys/${id}.key`, ROOT), "utf8");
  return text.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-"));
}

async function bytesOf(stream) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const TEAM = await investigatorsOf("keys/team.toml");

test("the selection keeps keyset order, whatever the order of the exclusions", () => {
  assert.deepEqual(TEAM.map((inv) => inv.id), ["alice", "bob", "carol"]);
  const all = selectInvestigators(TEAM, [], 1);
  assert.deepEqual(all.map((inv) => inv.id), ["alice", "bob", "carol"]);
  assert.deepEqual(recipientsOf(all), TEAM.map((inv) => inv.recipient));
  // Only id and recipient are kept (what the worker needs, nothing more).
  assert.deepEqual(Object.keys(all[0]).sort(), ["id", "recipient"]);
  const some = selectInvestigators(TEAM, new Set(["carol", "alice"]), 1);
  assert.deepEqual(some, [{ id: "bob", recipient: TEAM[1].recipient }]);
  assert.deepEqual(
    selectInvestigators([...TEAM].reverse(), ["bob"], 2).map((inv) => inv.id),
    ["carol", "alice"],
    "the order is the keyset's as given, not sorted",
  );
});

test("an unknown id and too few remaining investigators are refused with their codes", () => {
  assert.throws(
    () => selectInvestigators(TEAM, ["mallory"], 1),
    (e) => e instanceof SelectionError && e.code === "unknown" && /"mallory".*alice, bob, carol/.test(e.message),
  );
  assert.throws(
    () => selectInvestigators(TEAM, ["alice", "bob"], 2),
    (e) => e instanceof SelectionError && e.code === "too_few" && /1 investigator\(s\) remain.*at least 2/.test(e.message),
  );
  assert.throws(() => selectInvestigators(TEAM, ["alice", "bob", "carol"], 1), (e) => e.code === "too_few");
  // Exactly the minimum is fine.
  assert.equal(selectInvestigators(TEAM, ["alice"], 2).length, 2);
});

test("reportFields sets `recipients` from the selection and refuses a given one", () => {
  const chosen = selectInvestigators(TEAM, ["bob"], 1);
  const fields = { category: "other", what: "x" };
  const out = reportFields(fields, chosen);
  assert.deepEqual(out, { category: "other", what: "x", recipients: "alice,carol" });
  assert.deepEqual(fields, { category: "other", what: "x" }, "the input is not changed");
  assert.equal(RECIPIENTS_FIELD, "recipients");
  assert.throws(
    () => reportFields({ what: "x", recipients: "alice" }, chosen),
    (e) => e instanceof SelectionError && e.code === "invalid" && /never given/.test(e.message),
  );
  // A malformed or repeated selection is refused by both readers.
  for (const bad of [[], [{ id: "Alice", recipient: TEAM[0].recipient }], [chosen[0], chosen[0]], [{ id: "alice" }], null]) {
    assert.throws(() => reportFields({}, bad), (e) => e.code === "invalid");
    assert.throws(() => recipientsOf(bad), (e) => e.code === "invalid");
  }
  // The largest keyset (32 investigators with 32-byte ids) fits a field value (§1.2).
  const big = Array.from({ length: 32 }, (_, i) => ({ id: `${String(i).padStart(2, "0")}${"x".repeat(30)}`, recipient: "r" }));
  const manifest = { kind: "report", fields: reportFields({ what: "x" }, big), attachments: [], client_time: "2026-01-01", locale: "en" };
  validateManifest(manifest);
  assert.equal(manifest.fields.recipients.length, 32 * 32 + 31);
});

test("exactly the investigators named in `recipients` can open the report", async () => {
  const keys = Object.fromEntries(await Promise.all(TEAM.map(async (inv) => [inv.id, await secretKey(inv.id)])));
  for (const excluded of [[], ["alice"], ["bob"], ["carol", "alice"]]) {
    const chosen = selectInvestigators(TEAM, excluded, 1);
    const manifest = {
      kind: "report",
      fields: reportFields({ category: "other", what: "Encrypted to the chosen ones." }, chosen),
      attachments: [],
      client_time: "2026-01-01",
      locale: "en",
    };
    const ciphertext = await bytesOf(await encryptContainer(recipientsOf(chosen), containerStream(manifest, [])));
    for (const inv of TEAM) {
      const d = new Decrypter();
      d.addIdentity(keys[inv.id]);
      const opened = await d.decrypt(ciphertext).then(
        (plain) => decodeContainer(plain).manifest,
        () => null,
      );
      if (excluded.includes(inv.id)) {
        assert.equal(opened, null, `${inv.id} was excluded (${excluded}) but opened the report`);
      } else {
        assert.ok(opened !== null, `${inv.id} was chosen (excluded: ${excluded}) but cannot open the report`);
        assert.ok(opened.fields.recipients.split(",").includes(inv.id));
        assert.equal(opened.fields.recipients, TEAM.filter((i) => !excluded.includes(i.id)).map((i) => i.id).join(","));
      }
    }
  }
});

test("the page's minimum rule (members.js) never lets fewer than min_recipients remain, in the report and the follow-up", async () => {
  const { mayExcludeAnother, toggleExclusion } = await import("../src/page/members.js");
  const team = { investigators: TEAM, minRecipients: 2 };
  const excluded = new Set();
  const box = (checked) => ({ checked });
  assert.equal(mayExcludeAnother(team, excluded), true);
  const a = box(true);
  assert.equal(toggleExclusion(team, excluded, "alice", a), false);
  assert.deepEqual([...excluded], ["alice"]);
  assert.equal(a.checked, true);
  // A second tick would leave 1 of 3 with a minimum of 2: refused and unticked.
  const b = box(true);
  assert.equal(toggleExclusion(team, excluded, "bob", b), true);
  assert.equal(b.checked, false);
  assert.deepEqual([...excluded], ["alice"]);
  // What the rule allows, the selection accepts: the two can never disagree.
  assert.deepEqual(selectInvestigators(TEAM, excluded, 2).map((inv) => inv.id), ["bob", "carol"]);
  // Unticking gives the person back.
  assert.equal(toggleExclusion(team, excluded, "alice", box(false)), false);
  assert.equal(excluded.size, 0);
  // A team of one with a minimum of one: nobody can be excluded.
  const solo = { investigators: TEAM.slice(0, 1), minRecipients: 1 };
  assert.equal(toggleExclusion(solo, new Set(), "alice", box(true)), true);
});
