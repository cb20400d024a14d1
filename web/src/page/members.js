// The team list with a "Do not send to this person" choice per investigator,
// shared by the report's team view (app.js) and the follow-up form (check.js,
// PROTOCOL.md §8.4): the same list, the same minimum rule (§2 E4: at least
// min_recipients remain), the same texts. What is chosen goes to
// web/src/selection.js, which gives both the recipients and the report's
// `recipients` field (§1.5).
//
// Element ids, for a list with prefix P ("" for the team view, "followup-"
// for the follow-up form): li[data-testid=<testid>][data-id=<id>] holding
// #P name-<id>, #P fp-<id> (short fingerprint), #P exclude-<id> (checkbox,
// described by the name and by `minId`).

import { t } from "./i18n.js";

/**
 * Whether one more investigator may be excluded: at least min_recipients
 * must remain (§2 E4). `excluded` is the Set of ids excluded so far.
 */
export function mayExcludeAnother(team, excluded) {
  return team.investigators.length - excluded.size - 1 >= team.minRecipients;
}

/**
 * Ticks or unticks `id` in `excluded` (a Set, changed in place) as the
 * checkbox `box` asks, under the minimum rule. Returns true when the rule
 * refused the tick (the box is unticked again and `excluded` unchanged).
 */
export function toggleExclusion(team, excluded, id, box) {
  if (!box.checked) {
    excluded.delete(id);
    return false;
  }
  if (!mayExcludeAnother(team, excluded)) {
    box.checked = false; // enforced: at least min_recipients remain (PROTOCOL.md §2 E4)
    return true;
  }
  excluded.add(id);
  return false;
}

/**
 * Renders the team into the list `list` (built once per team, then updated):
 * `excluded` the Set of excluded ids, `prefix` of the element ids, `testid`
 * of each item, `minId` the id of the element that states the minimum, and
 * `onToggle(id, box)` called when a checkbox changes.
 */
export function renderMembers(list, team, excluded, { prefix, testid, minId, onToggle }) {
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
  const text = document.createElement("span");
  text.className = "exclude-text";
  label.append(box, text);
  li.append(who);
  if (inv.role !== "") li.append(role);
  li.append(key, label);
  return li;
}
