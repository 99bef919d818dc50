// The JSON API under /api/v1: one `api()` that never throws, the personal log's token, and API errors shown on forms.

import { actingFor, forAthlete, lostAthlete, unauthorized } from "./accounts.js";
import { $, $$, h } from "./dom.js";
import { loadProfile } from "./profile.js";
import { route } from "./router.js";

export const API = "/api/v1";

/** A fetch of the JSON API. Never throws: `{ok, status, data, missing, headers}`; `missing` = the endpoint answered 404.
 * With `onProgress(sent, total)` an upload reports its bytes as they go (fetch cannot: XMLHttpRequest does). */
export async function api(path, { method = "GET", body, form, onProgress } = {}) {
  const init = { method, headers: { Accept: "application/json" } };
  if (token()) init.headers.Authorization = `Bearer ${token()}`;
  // A coach acts for the athlete chosen in the switcher: every request for an athlete's data names them.
  const acting = forAthlete(path) ? actingFor() : null;
  if (acting) init.headers["Afterlift-Athlete"] = acting;
  if (form) init.body = form;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  let res;
  let text;
  try {
    res = onProgress ? await sendWithProgress(API + path, init, onProgress) : await fetch(API + path, init);
    text = await res.text();
  } catch (e) {
    return { ok: false, status: 0, data: { error: "network", message: `Could not reach the afterlift server (${e.message}).` } };
  }
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { error: "not_json", message: text.slice(0, 300) };
    }
  }
  if (res.status === 401 && !path.startsWith("/session")) unauthorized();
  if (acting && res.status === 404 && /^no such athlete/.test(data?.message ?? "")) lostAthlete(acting);
  return { ok: res.ok, status: res.status, data, missing: res.status === 404, headers: res.headers };
}

/** `fetch`'s answer shape (`ok`, `status`, `headers.get`, `text()`) from an XMLHttpRequest that reports upload progress. */
function sendWithProgress(url, init, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method, url);
    for (const [k, v] of Object.entries(init.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.addEventListener("progress", (ev) => onProgress(ev.loaded, ev.lengthComputable ? ev.total : 0));
    xhr.addEventListener("load", () => resolve({
      ok: xhr.status >= 200 && xhr.status < 300,
      status: xhr.status,
      headers: { get: (name) => xhr.getResponseHeader(name) },
      text: async () => xhr.responseText,
    }));
    xhr.addEventListener("error", () => reject(new Error("the connection failed")));
    xhr.addEventListener("abort", () => reject(new Error("the upload was stopped")));
    xhr.send(init.body);
  });
}

// A server bound beyond loopback requires `Authorization: Bearer <token>` on every API request. The token
// is kept for this browser tab only (sessionStorage), never in the page's address or in a cookie.
const TOKEN_KEY = "afterlift-token";
const token = () => sessionStorage.getItem(TOKEN_KEY);

export function askForToken() {
  const f = $("#token-form");
  if (!f.hidden) return;
  f.hidden = false;
  $("#token-input", f).focus();
}

export function setupToken() {
  const f = $("#token-form");
  f.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, f.token.value.trim());
    f.token.value = "";
    f.hidden = true;
    await loadProfile();
    await route(false);
  });
}

/** Downloads an API file (the .ics) with the token or athlete header when one is needed; a plain link otherwise. */
export async function downloadWithToken(ev) {
  if (!token() && !actingFor()) return;
  ev.preventDefault();
  const a = ev.currentTarget;
  const headers = {};
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (actingFor()) headers["Afterlift-Athlete"] = actingFor();
  const res = await fetch(a.href, { headers });
  if (!res.ok) return;
  const url = URL.createObjectURL(await res.blob());
  const tmp = h("a", { href: url, download: a.getAttribute("download") });
  document.body.append(tmp);
  tmp.click();
  tmp.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The API error body `{error, message, errors?: [{field, message}]}`, tolerant of other shapes. */
export function errorInfo(res) {
  const d = res.data;
  let message = `The request failed (HTTP ${res.status}).`;
  let fields = [];
  if (d && typeof d === "object") {
    const inner = d.error && typeof d.error === "object" ? d.error : d;
    if (typeof inner.message === "string" && inner.message) message = inner.message;
    else if (typeof d.error === "string" && d.error) message = d.error;
    const list = inner.errors ?? inner.fields;
    if (Array.isArray(list)) fields = list.filter((f) => f && typeof f.field === "string");
    if (typeof inner.field === "string") fields.unshift({ field: inner.field, message });
  }
  return { message, fields };
}

/** Marks each wrong field of a form (by its `data-field` path) and shows the rest in the form's error line. */
export function showErrors(form, errorLine, res) {
  clearErrors(form, errorLine);
  const { message, fields } = errorInfo(res);
  const unplaced = [];
  let first = null;
  for (const f of fields) {
    const input = findField(form, f.field);
    if (!input) {
      unplaced.push(`${f.field}: ${f.message}`);
      continue;
    }
    markField(input, f.message);
    first ??= input;
  }
  if (!fields.length || unplaced.length) {
    errorLine.textContent = unplaced.length && fields.length ? unplaced.join("; ") : message;
    errorLine.hidden = false;
  }
  (first ?? errorLine).focus?.();
}

function findField(form, path) {
  // Exact path first (`athlete.age`), then the longest prefix (`lift.exercises[0].sets[1].reps` → the exercise's reps).
  // Every set of an exercise row is the same: `sets[3].kg` is the row's kg field.
  let p = path.replace(/\.sets\[\d+\]/, ".sets[0]");
  while (p) {
    const el = form.querySelector(`[data-field="${CSS.escape(p)}"]`);
    if (el) return el;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}

export function markField(input, message) {
  input.setAttribute("aria-invalid", "true");
  const id = (input.id || `f${Math.random().toString(36).slice(2)}`) + "-error";
  if (!input.id) input.id = id.replace(/-error$/, "");
  let msg = document.getElementById(id);
  if (!msg) {
    msg = h("p", { class: "field-error", id });
    const host = input.closest(".field, .choices > label, .exercise > div") ?? input.parentElement;
    host.append(msg);
  }
  msg.textContent = message;
  input.setAttribute("aria-describedby", id);
}

export function clearErrors(form, errorLine) {
  for (const el of $$("[aria-invalid]", form)) {
    el.removeAttribute("aria-invalid");
    el.removeAttribute("aria-describedby");
  }
  for (const el of $$(".field-error", form)) el.remove();
  if (errorLine) {
    errorLine.hidden = true;
    errorLine.textContent = "";
  }
}

export const needsProfile = (res) => !res.ok && errorInfo(res).fields.some((f) => f.field === "profile");

export function askForProfile(what) {
  return h("p", { class: "empty", "data-state": "needs-profile" },
    `${what} — `, h("a", { href: "#/profile" }, "set up your profile"), " first.");
}

/** A friendly state for a view whose endpoint is missing (404: not built into this server yet) or failed;
 * when the server could not be reached or failed (network, 5xx), with a way to try again. */
export function unavailable(what, res) {
  const detail = errorInfo(res).message;
  const generic = /no such (api endpoint|page)/i.test(detail) || !res.data;
  if (res.status === 0 || res.status >= 500) {
    return h("div", { class: "unavailable", "data-state": "error", role: "alert" },
      h("p", {}, res.status === 0
        ? `${what} could not be loaded: the afterlift server did not answer. Is it still running?`
        : `${what} could not be loaded: ${detail}`),
      h("button", { type: "button", class: "secondary retry", onclick: () => route(false) }, "Try again"));
  }
  const msg = res.missing
    ? `${what} is not available from this server yet${generic ? "." : ` — ${detail}`}`
    : `${what} could not be loaded: ${detail}`;
  return h("p", { class: "unavailable", "data-state": res.missing ? "unavailable" : "error" }, msg);
}
