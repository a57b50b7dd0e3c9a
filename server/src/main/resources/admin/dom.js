import { humanError } from './format.js';

// DOM helpers. Every piece of data reaches the page as a text node or an attribute value set
// through the DOM; nothing here (or anywhere in the panel) assigns HTML strings.

/**
 * Creates an element. attrs: plain attributes, plus `on<event>` handlers, `class`, `dataset`
 * (object) and `hidden`/`disabled`/`checked` booleans. Children: nodes, strings (as text), arrays,
 * or null/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs || {});
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'value') {
      el.value = value;
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
}

/** Appends children (see h) to el. */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Removes every child of el and appends the given ones. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** An SVG element with attributes. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/**
 * A box that scrolls its (wide) content sideways instead of widening the page. It can take the
 * keyboard focus, so that keyboard users can scroll it too, and is named for screen readers.
 */
export function scroller(label, child) {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': label }, child);
}

/** A labelled form field: label text, then the control. */
export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control,
    hint ? h('span', { class: 'hint' }, hint) : null);
}

/**
 * Shows a short message in the corner (kind: ok | error). Errors are put in the form's words
 * (field paths and basis points become labels and percent); they last until read or until the
 * user navigates away (see clearFlash).
 */
export function flash(message, kind = 'ok') {
  const el = document.getElementById('flash');
  el.textContent = kind === 'error' ? humanError(message) : message;
  el.className = 'flash ' + kind;
  el.hidden = false;
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => { el.hidden = true; }, kind === 'error' ? 12000 : 5000);
}

/** Hides the message: a page's error must not stay on the next page. */
export function clearFlash() {
  clearTimeout(flash.timer);
  document.getElementById('flash').hidden = true;
}

/**
 * Asks for confirmation in the page's dialog. Resolves true when confirmed.
 * title/text are shown as text.
 */
export function confirmAction(title, text, okLabel = 'Confirm') {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = okLabel;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = 'cancel';
    dialog.showModal();
  });
}
