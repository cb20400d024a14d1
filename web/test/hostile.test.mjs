// Hostile GET /api/team answers from a malicious or broken relay, as the page
// sees them (docs/HOSTILE_INPUTS.md, PROTOCOL.md §3, §4.1): verifyTeam refuses
// each before anything is encrypted, with a TeamError.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { TeamError, keysetFingerprint, shortFingerprint, verifyTeam } from "../src/page/team.js";

const ROOT = new URL("../../", import.meta.url);

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

function answer(investigators, name = "Example Investigation Team") {
  return {
    name,
    fingerprint: keysetFingerprint(name, investigators),
    stanza_type: "X25519",
    min_recipients: 1,
    max_body_bytes: 1 << 28,
    investigators: investigators.map((inv) => ({ ...inv, fingerprint: shortFingerprint(inv.recipient) })),
  };
}

const X = await investigatorsOf("keys/team.toml");

function refused(json, pattern) {
  assert.throws(
    () => verifyTeam(json),
    (e) => e instanceof TeamError && pattern.test(e.message),
    pattern.toString(),
  );
}

test("a relay that swaps a key keeps neither fingerprint: both are recomputed and refused", () => {
  assert.equal(verifyTeam(answer(X)).investigators.length, 3);
  // The relay serves its own key under alice's name with alice's fingerprints.
  const good = answer(X);
  const swapped = structuredClone(good);
  swapped.investigators[0].recipient = X[1].recipient.replace(/.$/, "q");
  assert.throws(() => verifyTeam(swapped), TeamError);
  const mine = structuredClone(good);
  mine.investigators[0].recipient = X[2].recipient;
  mine.investigators[2].recipient = X[0].recipient;
  refused(mine, /fingerprint the relay gives for alice/);
  // Correct short fingerprints, but a keyset fingerprint of another keyset.
  const forged = answer(X);
  forged.fingerprint = keysetFingerprint("Another team", X);
  refused(forged, /keyset fingerprint the relay gives does not match/);
  // The same key twice (one investigator's copy would read everything).
  refused(answer([X[0], { ...X[1], recipient: X[0].recipient }]), /appears twice/);
  refused(answer([X[0], { ...X[1], id: X[0].id }]), /appears twice/);
});

test("hostile shapes, names and limits in /api/team are refused", () => {
  for (const json of [null, [], "team", 42]) refused(json, /not an object|missing/);
  refused({ ...answer(X), stanza_type: "scrypt" }, /unknown stanza type/);
  refused({ ...answer(X), investigators: [] }, /1–\d+ investigators/);
  refused({ ...answer(X), investigators: "alice" }, /1–\d+ investigators/);
  refused({ ...answer(X), min_recipients: 4 }, /min_recipients/);
  refused({ ...answer(X), min_recipients: 0 }, /min_recipients/);
  refused({ ...answer(X), max_body_bytes: -1 }, /max_body_bytes/);
  refused({ ...answer(X), max_body_bytes: 2 ** 60 }, /max_body_bytes/);
  // C0 control characters (a terminal escape, a newline) and sizes.
  refused(answer(X, "Team\u001b[2J"), /team name/);
  refused(answer(X, "x".repeat(129)), /team name/);
  refused(answer([{ ...X[0], name: "Alice\nBob" }]), /name of alice/);
  refused(answer([{ ...X[0], id: "../alice" }]), /bad id/);
  // HTML in a name is kept as text (the page sets textContent, never innerHTML).
  const html = verifyTeam(answer([{ ...X[0], name: "<img src=x onerror=alert(1)>" }]));
  assert.equal(html.investigators[0].name, "<img src=x onerror=alert(1)>");
});
