// The call log and the station's event journal (SQLite on the device): filters, paging, download as CSV or JSON.
import { h, clear, api, notice, formatTime } from './core.js';

const pageSize = 20;
const endReasons = ['remoteHangUp', 'doorOpened', 'maximumCallTime', 'secondPress', 'restarted', 'noAnswer', 'busy', 'failed', 'wrongCodes', 'mediaFailure', 'busyHere', 'shutdown'];
const eventKinds = ['buttonPressed', 'doorCodeAccepted', 'doorCodeRejected', 'doorCodeRefused', 'doorCodeLockout', 'exitButton', 'doorOpenTooLong', 'doorClosed', 'tamper', 'registrationChanged', 'inboundRefused'];

function when(iso) { const date = new Date(iso); return `${date.toLocaleDateString()} ${formatTime(iso)}`; }

function select(id, label, choices) {
  const control = h('select', { id }, h('option', { value: '' }, 'all'), ...choices.map(([value, text]) => h('option', { value }, text)));
  return { control, element: h('div', { class: 'field' }, h('label', { for: id }, label), control) };
}

function input(id, label, type, placeholder) {
  const control = h('input', { id, type, placeholder, autocomplete: 'off' });
  return { control, element: h('div', { class: 'field' }, h('label', { for: id }, label), control) };
}

/** A filtered, paged table over one of the log routes. */
function logView({ id, title, route, filters, columns, row }) {
  const body = h('tbody');
  const status = h('p', { class: 'muted', id: `${id}-count`, 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', class: 'secondary', id: `${id}-previous` }, 'Newer');
  const next = h('button', { type: 'button', class: 'secondary', id: `${id}-next` }, 'Older');
  const csv = h('a', { class: 'button secondary', id: `${id}-csv` }, 'Download CSV');
  const json = h('a', { class: 'button secondary', id: `${id}-json` }, 'Download JSON');
  let offset = 0;
  const query = () => {
    const parameters = new URLSearchParams();
    for (const [name, filter] of Object.entries(filters)) {
      let value = filter.control.value.trim();
      if (value && filter.control.type === 'date') value = new Date(`${value}T00:00:00`).toISOString();
      if (value && name === 'to') value = new Date(new Date(value).getTime() + 86400000).toISOString();
      if (value) parameters.set(name, value);
    }
    return parameters;
  };
  async function load() {
    const parameters = query();
    parameters.set('offset', String(offset));
    parameters.set('limit', String(pageSize));
    const result = await api('GET', `${route}?${parameters}`);
    clear(body);
    const downloads = query();
    downloads.set('format', 'csv'); csv.setAttribute('href', `${route}/download?${downloads}`);
    downloads.set('format', 'json'); json.setAttribute('href', `${route}/download?${downloads}`);
    if (!result.ok) { status.textContent = result.body.error || `unavailable (${result.status})`; previous.disabled = true; next.disabled = true; return; }
    const { items, total } = result.body;
    for (const item of items) body.append(row(item));
    if (items.length === 0) body.append(h('tr', {}, h('td', { colspan: String(columns.length), class: 'muted' }, 'Nothing matches.')));
    status.textContent = total === 0 ? 'No entries.' : `${offset + 1}–${offset + items.length} of ${total}`;
    previous.disabled = offset === 0;
    next.disabled = offset + items.length >= total;
  }
  previous.addEventListener('click', () => { offset = Math.max(0, offset - pageSize); load(); });
  next.addEventListener('click', () => { offset += pageSize; load(); });
  for (const filter of Object.values(filters)) filter.control.addEventListener('change', () => { offset = 0; load(); });
  const element = h('section', { class: 'card', 'aria-labelledby': `h-${id}` }, h('h3', { id: `h-${id}` }, title),
    h('div', { class: 'filters' }, ...Object.values(filters).map((filter) => filter.element)),
    h('div', { class: 'actions' }, csv, json),
    h('table', { id, class: 'log' }, h('thead', {}, h('tr', {}, ...columns.map((column) => h('th', {}, column)))), body),
    status, h('div', { class: 'actions' }, previous, next));
  return { element, load };
}

export async function renderCalls(main) {
  const buttons = await api('GET', '/web/api/settings/buttons');
  const buttonNames = buttons.ok ? (buttons.body.values.buttons || []).map((b) => b.input) : [];
  const calls = logView({
    id: 'calls',
    title: 'Calls',
    route: '/web/api/calls',
    filters: {
      direction: select('call-direction', 'Direction', [['visitor', 'visitor (button)'], ['inbound', 'inbound']]),
      button: select('call-button', 'Button', [...buttonNames, 'test call'].map((name) => [name, name])),
      endReason: select('call-end', 'Ended by', endReasons.map((reason) => [reason, reason])),
      doorOpened: select('call-door', 'Door opened', [['true', 'yes'], ['false', 'no']]),
      from: input('call-from', 'From', 'date'),
      to: input('call-to', 'To', 'date'),
    },
    columns: ['Time', 'Call', 'Answered', 'Media', 'Ended'],
    row: (call) => h('tr', { 'data-call': call.id },
      h('td', {}, h('time', { datetime: call.startedAt }, when(call.startedAt))),
      h('td', {}, call.direction === 'inbound' ? `from ${call.targets}` : `${call.button || ''} → ${call.targets}`),
      h('td', {}, call.answeredBy ? `answered by ${call.answeredBy}, talked ${Math.round(call.talkSeconds)} s` : 'not answered'),
      h('td', {}, call.codec ? `${call.codec} · ${call.srtp ? 'SRTP' : 'not encrypted'}` : '—'),
      h('td', {}, call.endReason, call.doorOpened ? h('span', { class: 'badge on' }, 'door opened') : null)),
  });
  const journal = logView({
    id: 'journal',
    title: 'Station events',
    route: '/web/api/journal',
    filters: {
      kind: select('journal-kind', 'Kind', eventKinds.map((kind) => [kind, kind])),
      subject: input('journal-subject', 'Button, relay or account', 'text', 'e.g. door'),
      from: input('journal-from', 'From', 'date'),
      to: input('journal-to', 'To', 'date'),
    },
    columns: ['Time', 'Event', 'Detail'],
    row: (entry) => h('tr', { 'data-event': entry.id },
      h('td', {}, h('time', { datetime: entry.time }, when(entry.time))),
      h('td', {}, entry.kind, entry.subject ? h('br') : null, entry.subject ? h('small', { class: 'muted' }, entry.subject) : null),
      h('td', {}, entry.detail)),
  });
  main.append(h('h2', {}, 'Call log'), h('p', { class: 'muted' }, 'Kept on the device; door code digits are never stored.'),
    h('div', { class: 'stack' }, calls.element, journal.element));
  await Promise.all([calls.load(), journal.load()]);
  if (!buttons.ok) main.prepend(notice('The button names could not be loaded.', false));
  return null;
}
