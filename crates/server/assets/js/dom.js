// The DOM helpers every view uses: `$`, `$$`, `h` (elements from data, text never parsed as HTML), `clear`, `announce`.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** Creates an element: h("p", {class: "x"}, "text", child…). Strings become text nodes (never HTML). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

export function announce(text) {
  const live = $("#announce");
  live.textContent = "";
  // A new text node in a cleared region is announced even when the words repeat.
  setTimeout(() => { live.textContent = text; }, 50);
}

/** A grey placeholder of a few lines while a box's data loads (hidden from screen readers: the view is
 * marked `aria-busy` meanwhile). */
export function skeleton(lines = 3) {
  return h("div", { class: "skeleton", "aria-hidden": "true" },
    Array.from({ length: lines }, (_, i) => h("div", { class: `skeleton-line${i === 0 ? " wide" : ""}` })));
}
