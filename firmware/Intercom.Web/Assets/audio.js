// Audio: live level meters, a test tone, the loopback test, and the audio settings form.
import { h, clear, api, openStream, notice } from './core.js';
import { renderSettings } from './settings.js';

function meter(id, label) {
  const bar = h('span', { style: null });
  const value = h('span', { class: 'mono' }, '—');
  const element = h('div', { class: 'field' }, h('label', { id: `${id}-label` }, label, ' ', value),
    h('div', { class: 'meter', id, role: 'meter', 'aria-labelledby': `${id}-label`, 'aria-valuemin': '-90', 'aria-valuemax': '0' }, bar));
  return {
    element,
    set(dbfs) {
      const clamped = Math.max(-90, Math.min(0, dbfs));
      bar.style.width = `${((clamped + 90) / 90) * 100}%`;
      value.textContent = dbfs <= -119 ? 'silence' : `${dbfs.toFixed(0)} dBFS`;
      element.querySelector('.meter').setAttribute('aria-valuenow', clamped.toFixed(0));
    },
  };
}

export async function renderAudio(main) {
  const microphone = meter('meter-microphone', 'Microphone');
  const processed = meter('meter-processed', 'Sent to the phone (after processing)');
  const speaker = meter('meter-speaker', 'Loudspeaker');
  const device = h('p', { class: 'muted' });
  const result = h('div', { role: 'status', id: 'audio-result' });
  const tone = h('button', { type: 'button', class: 'secondary', id: 'test-tone' }, 'Play test tone');
  const loopback = h('button', { type: 'button', id: 'loopback-test' }, 'Run loopback test');
  tone.addEventListener('click', async () => {
    const answer = await api('POST', '/web/api/audio/test-tone');
    clear(result);
    result.append(notice(answer.ok ? answer.body.message : answer.body.error, answer.ok));
  });
  loopback.addEventListener('click', async () => {
    loopback.disabled = true;
    clear(result);
    result.append(h('p', { class: 'muted' }, 'Listening, then playing a tone…'));
    const answer = await api('POST', '/web/api/audio/loopback-test');
    loopback.disabled = false;
    clear(result);
    result.append(notice(answer.body.message || answer.body.error || `failed (${answer.status})`, answer.ok && answer.body.heard));
  });
  main.append(h('h2', {}, 'Audio'),
    h('div', { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'h-levels' }, h('h3', { id: 'h-levels' }, 'Levels'), device, microphone.element, processed.element, speaker.element),
      h('section', { class: 'card', 'aria-labelledby': 'h-tests' }, h('h3', { id: 'h-tests' }, 'Tests'),
        h('p', { class: 'muted' }, 'The loopback test plays a tone on the loudspeaker and measures what the microphone hears of it.'),
        h('div', { class: 'actions' }, tone, loopback), result)));
  await renderSettings(main, 'audio', { embedded: true, title: 'Audio settings' });
  return openStream(true, (status) => {
    if (!status.audio) { device.textContent = 'The audio engine is not running.'; return; }
    device.textContent = `${status.audio.device}: ${status.audio.deviceOpen ? 'open' : 'closed'}${status.audio.lastDeviceFailure ? ` (${status.audio.lastDeviceFailure})` : ''}`;
    microphone.set(status.audio.microphoneLevelDbfs);
    processed.set(status.audio.processedLevelDbfs);
    speaker.set(status.audio.speakerLevelDbfs);
  });
}
