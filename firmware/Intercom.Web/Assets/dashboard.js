// The dashboard: live state over server-sent events. Built once, then updated in place (no flicker, focus kept).
import { h, clear, api, openStream, formatTime, notice } from './core.js';

const kindNames = { doorButton: 'door button', exitButton: 'exit button', doorContact: 'door contact', tamper: 'tamper' };

export function renderDashboard(main) {
  const health = h('p', { id: 'health' }, '…');
  const accounts = h('div', { id: 'accounts' });
  const call = h('div', { id: 'call' });
  const inputs = h('tbody');
  const relays = h('tbody');
  const leds = h('tbody');
  const audio = h('div', { id: 'audio-summary' });
  const events = h('ul', { class: 'plain events', id: 'recent-events', 'aria-live': 'polite' });
  const message = h('div', { role: 'status' });
  // Shown while the service runs on its last good configuration (the file was refused at boot) until a save.
  const warnings = h('div', { id: 'configuration-warnings', role: 'alert' });
  const testButton = h('select', { id: 'test-button' }, h('option', { value: '' }, 'one target (below)'));
  const testTarget = h('input', { id: 'test-target', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: '**610 or sip:bob@192.168.1.30' });
  const openRelay = h('select', { id: 'open-relay' });
  const actionStatus = h('div', { role: 'status', id: 'action-status' });
  const actions = h('section', { class: 'card', 'aria-labelledby': 'h-actions' }, h('h3', { id: 'h-actions' }, 'Test call and door'),
    h('div', { class: 'field' }, h('label', { for: 'test-button' }, 'Call plan'), testButton),
    h('div', { class: 'field' }, h('label', { for: 'test-target' }, 'Or call one target'), testTarget),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'test-call', onclick: () => testCall() }, 'Test call')),
    h('div', { class: 'field' }, h('label', { for: 'open-relay' }, 'Relay'), openRelay),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'open-door', onclick: () => openDoor() }, 'Open door')),
    actionStatus);
  testTarget.addEventListener('input', () => { if (testTarget.value.trim() !== '') testButton.value = ''; });
  api('GET', '/web/api/settings/buttons').then((result) => {
    if (!result.ok) return;
    for (const button of result.body.values.buttons || []) testButton.append(h('option', { value: button.input }, `button ${button.input}`));
    // A target typed before the plans arrived (a slow device) keeps its choice.
    if (testButton.options.length > 1 && testTarget.value.trim() === '') testButton.selectedIndex = 1;
  });
  async function testCall() {
    const body = testButton.value ? { button: testButton.value } : { target: testTarget.value };
    const result = await api('POST', '/web/api/calls/test', body);
    clear(actionStatus);
    actionStatus.append(notice(result.ok ? `Test call: ${result.body.message}` : `Test call: ${result.body.error || result.status}`, result.ok));
  }
  async function openDoor() {
    if (!openRelay.value) return;
    const result = await api('POST', `/api/v1/relays/${encodeURIComponent(openRelay.value)}/pulse`);
    clear(actionStatus);
    actionStatus.append(notice(result.ok ? `Open door: ${result.body.message}` : `Open door: ${result.body.error || result.status}`, result.ok));
  }
  main.append(
    h('h2', {}, 'Dashboard'), warnings, message,
    h('div', { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'h-sip' }, h('h3', { id: 'h-sip' }, 'SIP registration'), accounts, health),
      h('section', { class: 'card', 'aria-labelledby': 'h-call' }, h('h3', { id: 'h-call' }, 'Call'), call),
      actions,
      h('section', { class: 'card', 'aria-labelledby': 'h-inputs' }, h('h3', { id: 'h-inputs' }, 'Inputs'),
        h('table', { id: 'inputs' }, h('thead', {}, h('tr', {}, h('th', {}, 'Input'), h('th', {}, 'State'), h('th', {}, 'Presses'), h('th', {}, ''))), inputs)),
      h('section', { class: 'card', 'aria-labelledby': 'h-relays' }, h('h3', { id: 'h-relays' }, 'Relays'),
        h('table', { id: 'relays' }, h('thead', {}, h('tr', {}, h('th', {}, 'Relay'), h('th', {}, 'State'), h('th', {}, 'Pulses'), h('th', {}, ''))), relays)),
      h('section', { class: 'card', 'aria-labelledby': 'h-leds' }, h('h3', { id: 'h-leds' }, 'LEDs'),
        h('table', {}, h('tbody', {}), leds)),
      h('section', { class: 'card', 'aria-labelledby': 'h-audio' }, h('h3', { id: 'h-audio' }, 'Audio'), audio),
      h('section', { class: 'card', 'aria-labelledby': 'h-events' }, h('h3', { id: 'h-events' }, 'Recent events'), events)));

  const rows = { inputs: new Map(), relays: new Map(), leds: new Map() };
  const act = async (url, label) => {
    const result = await api('POST', url);
    clear(message);
    message.append(notice(result.ok ? `${label}: ${result.body.message || 'done'}` : `${label}: ${result.body.error || result.status}`, result.ok));
  };

  function row(map, body, key, build) {
    let entry = map.get(key);
    if (!entry) { entry = build(); map.set(key, entry); body.append(entry.row); }
    return entry;
  }

  function update(status) {
    const shown = [...warnings.children].map((p) => p.textContent).join('\n');
    if (shown !== (status.warnings || []).join('\n')) {
      clear(warnings);
      for (const warning of status.warnings || []) warnings.append(h('p', { class: 'notice bad' }, warning));
    }
    health.textContent = status.health.healthy ? '' : `Not healthy: ${status.health.probes.filter((p) => !p.fresh).map((p) => p.name).join(', ')}`;
    health.className = status.health.healthy ? 'muted' : 'problem';
    clear(accounts);
    if (status.accounts.length === 0) accounts.append(h('p', { class: 'muted' }, 'No SIP account is configured yet.'));
    for (const account of status.accounts) {
      const good = account.state === 'registered';
      accounts.append(h('p', { 'data-account': account.name },
        h('span', { class: `badge ${good ? 'on' : account.state === 'failed' ? 'bad' : 'off'}` }, account.state), ' ',
        h('strong', {}, account.name), ` ${account.registrar}`,
        account.lastResponseCode ? h('span', { class: 'muted', 'data-response': account.lastResponseCode }, ` — last response ${account.lastResponseCode} ${account.lastResponseReason || ''}`) : null,
        account.expiresInSeconds != null ? h('span', { class: 'muted' }, `, registered for ${Math.round(account.expiresInSeconds)} s`) : null));
    }
    clear(call);
    if (!status.call) call.append(h('p', { class: 'muted', id: 'call-state' }, 'Idle'));
    else {
      const c = status.call;
      call.append(h('p', { id: 'call-state' }, h('span', { class: `badge ${c.state === 'talking' ? 'on' : 'off'}`, 'data-state': c.state }, c.state), ` ${c.direction} ${c.peer}`),
        h('p', { class: 'muted', id: 'call-media' }, `${c.codec || '—'} · ${c.srtp ? 'SRTP' : 'not encrypted'} · ${Math.round(c.durationSeconds)} s` +
          (c.jitterMilliseconds != null ? ` · jitter ${c.jitterMilliseconds.toFixed(1)} ms` : '') + (c.lossPercent != null ? ` · loss ${c.lossPercent.toFixed(1)} %` : '')),
        h('p', {}, 'DTMF: ', h('span', { class: 'mono', id: 'dtmf' }, c.receivedDigits || '—')));
    }
    for (const input of status.inputs) {
      const entry = row(rows.inputs, inputs, input.name, () => {
        const state = h('span', { class: 'badge' });
        const count = h('span');
        const button = status.simulated
          ? h('button', { type: 'button', class: 'secondary', onclick: () => act(`/api/v1/inputs/${encodeURIComponent(input.name)}/press`, `Press ${input.name}`) }, 'Press')
          : '';
        return { row: h('tr', { 'data-input': input.name }, h('td', {}, input.name, h('br'), h('small', { class: 'muted' }, `${kindNames[input.kind] || input.kind}, GPIO ${input.pin}`)), h('td', {}, state), h('td', {}, count), h('td', {}, button)), state, count };
      });
      entry.state.textContent = input.active ? 'active' : 'idle';
      entry.state.className = `badge ${input.active ? 'on' : 'off'}`;
      entry.count.textContent = String(input.activationCount);
    }
    if (openRelay.options.length !== status.relays.length) {
      clear(openRelay);
      for (const relay of status.relays) openRelay.append(h('option', { value: relay.name }, relay.name));
    }
    for (const relay of status.relays) {
      const entry = row(rows.relays, relays, relay.name, () => {
        const state = h('span', { class: 'badge' });
        const count = h('span');
        const button = h('button', { type: 'button', onclick: () => act(`/api/v1/relays/${encodeURIComponent(relay.name)}/pulse`, `Open ${relay.name}`) }, 'Open door');
        return { row: h('tr', { 'data-relay': relay.name }, h('td', {}, relay.name, h('br'), h('small', { class: 'muted' }, `GPIO ${relay.pin}${relay.activeLow ? ', active low' : ''}`)), h('td', {}, state), h('td', {}, count), h('td', {}, button)), state, count };
      });
      entry.state.textContent = relay.on ? 'on' : 'off';
      entry.state.className = `badge ${relay.on ? 'on' : 'off'}`;
      entry.count.textContent = String(relay.pulseCount);
    }
    for (const led of status.leds) {
      const entry = row(rows.leds, leds, led.name, () => {
        const state = h('span', { class: 'badge' });
        return { row: h('tr', {}, h('td', {}, led.name), h('td', {}, state)), state };
      });
      entry.state.textContent = led.state;
      entry.state.className = `badge ${led.state === 'off' ? 'off' : 'on'}`;
    }
    clear(audio);
    if (!status.audio) audio.append(h('p', { class: 'muted' }, 'The audio engine is not running.'));
    else {
      const a = status.audio;
      audio.append(h('p', {}, h('span', { class: `badge ${a.deviceOpen ? 'on' : 'bad'}` }, a.deviceOpen ? 'open' : 'closed'), ` ${a.device}`),
        h('p', { class: 'muted' }, `Xruns: ${a.xruns}. Meters and tests on the Audio page.`));
      if (a.lastDeviceFailure) audio.append(h('p', { class: 'problem' }, a.lastDeviceFailure));
    }
  }

  function addEvents(list) {
    for (const entry of list) {
      events.prepend(h('li', { 'data-category': entry.category }, h('time', { datetime: entry.time }, formatTime(entry.time)), h('strong', {}, entry.category), ` ${entry.message}`));
    }
    while (events.children.length > 50) events.lastChild.remove();
  }

  return openStream(false, update, addEvents);
}
