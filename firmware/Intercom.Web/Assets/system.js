// Network facts, backup/restore, factory reset, restart, and the event log.
import { h, clear, api, showErrors, notice, formatTime, state } from './core.js';

export async function renderNetwork(main) {
  main.append(h('h2', {}, 'Network'));
  const result = await api('GET', '/web/api/system/network');
  if (!result.ok) { main.append(notice(result.body.error || 'unavailable', false)); return null; }
  const n = result.body;
  main.append(h('div', { class: 'grid' },
    h('section', { class: 'card' }, h('h3', {}, 'This device'),
      h('p', {}, 'Host name: ', h('strong', { id: 'hostname' }, n.hostName)),
      h('p', {}, 'Addresses of this page:'), h('ul', {}, ...n.urls.map((url) => h('li', { class: 'mono' }, url))),
      h('p', {}, 'HTTPS certificate SHA-256 fingerprint (compare with what the browser shows):'),
      h('p', { class: 'mono', id: 'fingerprint' }, n.certificateFingerprint),
      h('p', { class: 'muted' }, `Valid until ${new Date(n.certificateNotAfter).toLocaleDateString()}`),
      h('p', {}, `DNS servers: ${n.dnsServers.join(', ') || '—'}`)),
    h('section', { class: 'card', 'aria-labelledby': 'h-ports' }, h('h3', { id: 'h-ports' }, 'SIP and RTP'),
      h('p', {}, 'SIP listens on:'),
      h('ul', { id: 'sip-ports' }, ...(n.ports && n.ports.sip.length ? n.ports.sip.map((port) => h('li', { class: 'mono' }, port)) : [h('li', { class: 'muted' }, 'not running')])),
      h('p', {}, 'RTP (audio): ', h('span', { id: 'rtp-ports' }, n.ports ? n.ports.rtp : '—')),
      h('p', { class: 'muted' }, 'A firewall between this door station and the PBX must let these through.')),
    h('section', { class: 'card' }, h('h3', {}, 'Interfaces'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Interface'), h('th', {}, 'Addresses'))),
        h('tbody', {}, ...n.interfaces.map((i) => h('tr', {},
          h('td', {}, i.name, h('br'), h('small', { class: 'muted' }, `${i.up ? 'up' : 'down'}${i.macAddress ? `, ${i.macAddress}` : ''}`)),
          h('td', { class: 'mono' }, [...i.addresses, ...i.gateways.map((g) => `gateway ${g}`)].join('\n')))))))));
  return null;
}

export async function renderSystem(main) {
  const restoreStatus = h('div', { role: 'status', id: 'restore-status' });
  const restore = h('form', { id: 'restore-form', novalidate: true },
    h('div', { class: 'field', 'data-path': 'backup' }, h('label', { for: 'backup-file' }, 'Backup file'), h('input', { id: 'backup-file', type: 'file', accept: 'application/json,.json' }), h('p', { class: 'error' })),
    h('div', { class: 'form-error error', role: 'alert' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Restore')), restoreStatus);
  restore.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = restore.querySelector('input[type=file]').files[0];
    if (!file) { showErrors(restore, [{ path: 'backup', message: 'Choose a backup file first.' }]); return; }
    const result = await api('POST', '/web/api/system/restore', undefined, await file.text());
    clear(restoreStatus);
    if (result.ok) { showErrors(restore, []); restoreStatus.append(notice(result.body.message, true)); }
    else { showErrors(restore, []); restoreStatus.append(notice(`${result.body.error}: ${(result.body.errors || []).map((e) => e.message).join(' · ')}`, false)); }
  });

  const resetStatus = h('div', { role: 'status' });
  const reset = h('form', { id: 'reset-form', novalidate: true },
    h('p', {}, 'Puts every setting back to its default and removes the administrator password and all API tokens. The wiring (inputs, relays, LEDs), the storage directory and the web ports stay. Type ', h('strong', {}, 'factory reset'), ' to confirm.'),
    h('div', { class: 'field', 'data-path': 'confirmation' }, h('label', { for: 'reset-confirmation' }, 'Confirmation'), h('input', { id: 'reset-confirmation', type: 'text', autocomplete: 'off' }), h('p', { class: 'error', role: 'alert' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Factory reset')), resetStatus);
  reset.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!window.confirm('Reset every setting and remove the password and all API tokens?')) return;
    const result = await api('POST', '/web/api/system/factory-reset', { confirmation: reset.querySelector('input').value });
    if (result.ok) { if (state.onReset) state.onReset(); return; }
    showErrors(reset, result.body.errors || [{ path: '', message: result.body.error }]);
  });

  const restartStatus = h('div', { role: 'status' });
  const restart = h('button', { type: 'button', class: 'secondary', id: 'restart' }, 'Restart the service');
  restart.addEventListener('click', async () => {
    if (!window.confirm('Restart the door station service? Calls in progress end.')) return;
    const result = await api('POST', '/web/api/system/restart');
    clear(restartStatus);
    restartStatus.append(notice(result.ok ? result.body.message : result.body.error, result.ok));
  });

  main.append(h('h2', {}, 'Backup and system'), h('div', { class: 'grid' },
    h('section', { class: 'card' }, h('h3', {}, 'Backup'),
      h('p', { class: 'muted' }, 'The configuration without passwords, password hashes or tokens.'),
      h('a', { class: 'button secondary', href: '/web/api/system/backup', download: 'intercom-backup.json', id: 'backup' }, 'Download backup')),
    h('section', { class: 'card' }, h('h3', {}, 'Restore'), h('p', { class: 'muted' }, 'All or nothing: a file with any bad value changes nothing. The password and tokens stay.'), restore),
    h('section', { class: 'card' }, h('h3', {}, 'Restart'), restart, restartStatus),
    h('section', { class: 'card' }, h('h3', {}, 'Factory reset'), reset)));
  return null;
}

export async function renderEvents(main) {
  const result = await api('GET', '/web/api/events');
  const events = result.ok ? result.body : [];
  const categories = [...new Set(events.map((e) => e.category))].sort();
  const category = h('select', { id: 'event-category' }, h('option', { value: '' }, 'all'), ...categories.map((c) => h('option', { value: c }, c)));
  const text = h('input', { id: 'event-text', type: 'text', placeholder: 'contains…' });
  const list = h('ul', { class: 'plain events', id: 'event-list' });
  const download = h('a', { class: 'button secondary', href: '/web/api/events/download', id: 'event-download' }, 'Download CSV');
  function draw() {
    clear(list);
    const needle = text.value.toLowerCase();
    for (const entry of [...events].reverse()) {
      if (category.value && entry.category !== category.value) continue;
      if (needle && !entry.message.toLowerCase().includes(needle)) continue;
      list.append(h('li', {}, h('time', { datetime: entry.time }, `${new Date(entry.time).toLocaleDateString()} ${formatTime(entry.time)}`), h('strong', {}, entry.category), ` ${entry.message}`));
    }
    download.setAttribute('href', category.value ? `/web/api/events/download?category=${encodeURIComponent(category.value)}` : '/web/api/events/download');
    if (!list.firstChild) list.append(h('li', { class: 'muted' }, 'No events.'));
  }
  category.addEventListener('change', draw);
  text.addEventListener('input', draw);
  main.append(h('h2', {}, 'Event log'),
    h('div', { class: 'card' },
      h('div', { class: 'grid' }, h('div', { class: 'field' }, h('label', { for: 'event-category' }, 'Category'), category),
        h('div', { class: 'field' }, h('label', { for: 'event-text' }, 'Text'), text)),
      h('div', { class: 'actions' }, download), list));
  draw();
  return null;
}
