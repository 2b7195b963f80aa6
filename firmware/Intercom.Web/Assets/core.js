// Shared helpers: element building (no innerHTML), the JSON API with the CSRF token, field errors, durations.
export const state = { csrf: null, onUnauthorized: null, onReset: null };

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function clear(element) { while (element.firstChild) element.firstChild.remove(); }

export async function api(method, url, body, raw) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  let payload;
  if (raw !== undefined) { payload = raw; headers['Content-Type'] = 'application/json'; }
  else if (body !== undefined) { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  else if (method !== 'GET') { payload = '{}'; headers['Content-Type'] = 'application/json'; }
  const response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  let parsed = {};
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) { try { parsed = await response.json(); } catch { parsed = {}; } }
  if (response.status === 401 && !url.endsWith('/login') && !url.endsWith('/session') && state.onUnauthorized) {
    state.onUnauthorized(parsed.error ? `Log in again (${parsed.error}).` : null);
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

export function notice(text, good) { return h('p', { class: `notice ${good ? 'good' : 'bad'}`, role: 'status' }, text); }

/** Puts each error beside the element with the same data-path (the field's JSON path); the rest on top of the form. */
export function showErrors(form, errors) {
  for (const element of form.querySelectorAll('.invalid')) element.classList.remove('invalid');
  for (const element of form.querySelectorAll('.error')) element.textContent = '';
  const general = [];
  let first = null;
  for (const error of errors || []) {
    const target = error.path ? form.querySelector(`[data-path="${CSS.escape(error.path)}"]`) : null;
    if (!target) { general.push(error.message); continue; }
    target.classList.add('invalid');
    const slot = target.querySelector(':scope > .error');
    if (slot) slot.textContent = error.message; else general.push(error.message);
    const input = target.querySelector('input, select');
    if (input) input.setAttribute('aria-invalid', 'true');
    first = first || input;
  }
  const box = form.querySelector('.form-error');
  if (box) box.textContent = general.join(' ');
  if (first) first.focus();
}

/** "01:02:03.5" or "1.02:00:00" (TimeSpan) → seconds. */
export function durationToSeconds(text) {
  if (typeof text !== 'string') return '';
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) return '';
  const seconds = (Number(match[2] || 0) * 86400) + (Number(match[3]) * 3600) + (Number(match[4]) * 60) + Number(match[5]);
  return match[1] ? -seconds : seconds;
}

/** Seconds → "hh:mm:ss.fff" (with "d." when a day or more). */
export function secondsToDuration(value) {
  let seconds = Number(value);
  const sign = seconds < 0 ? '-' : '';
  seconds = Math.abs(seconds);
  const days = Math.floor(seconds / 86400); seconds -= days * 86400;
  const hours = Math.floor(seconds / 3600); seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60); seconds -= minutes * 60;
  const whole = Math.floor(seconds);
  const millis = Math.round((seconds - whole) * 1000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${sign}${days ? `${days}.` : ''}${pad(hours)}:${pad(minutes)}:${pad(whole)}${millis ? `.${pad(millis, 3)}` : ''}`;
}

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The dashboard's server-sent event stream; returns a function that closes it. */
export function openStream(fast, onStatus, onEvents) {
  const source = new EventSource(fast ? '/web/api/stream?fast=1' : '/web/api/stream');
  source.addEventListener('status', (event) => onStatus(JSON.parse(event.data)));
  if (onEvents) source.addEventListener('events', (event) => onEvents(JSON.parse(event.data)));
  source.addEventListener('session', () => { source.close(); if (state.onUnauthorized) state.onUnauthorized(); });
  return () => source.close();
}
