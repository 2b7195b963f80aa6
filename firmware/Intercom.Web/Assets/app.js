// The installer web page: a small router over the device's JSON routes. No framework, no build step, no inline
// script (the content security policy forbids it). Text from the device is always set with textContent.
import { h, clear, api, state, showErrors, notice } from './core.js';
import { renderDashboard } from './dashboard.js';
import { renderSettings } from './settings.js';
import { renderAudio } from './audio.js';
import { renderSecurity } from './security.js';
import { renderNetwork, renderSystem, renderEvents } from './system.js';
import { renderCalls } from './calls.js';

const main = document.getElementById('main');
const menu = document.getElementById('menu');
const menuToggle = document.getElementById('menu-toggle');
const logout = document.getElementById('logout');

async function start() {
  const session = await api('GET', '/web/api/session');
  state.csrf = session.body.csrfToken;
  document.getElementById('host').textContent = session.body.hostName || '';
  if (session.body.state === 'setup') { showSetup(); return; }
  if (session.body.state === 'login') { showLogin(); return; }
  showApp();
}

let loggedIn = false;

function chrome(on) {
  loggedIn = on;
  menu.hidden = !on;
  logout.hidden = !on;
  menuToggle.hidden = !on;
}

function passwordField(id, label, autocomplete, help) {
  return h('div', { class: 'field', 'data-path': id },
    h('label', { for: id }, label),
    h('input', { id, name: id, type: 'password', autocomplete, required: true, 'aria-describedby': `${id}-error` }),
    help ? h('p', { class: 'help' }, help) : null,
    h('p', { class: 'error', id: `${id}-error`, role: 'alert' }));
}

function showSetup() {
  chrome(false);
  stopStreams();
  clear(main);
  const form = h('form', { id: 'setup-form', class: 'card center', novalidate: true },
    h('h2', {}, 'Welcome: set the administrator password'),
    h('p', { class: 'muted' }, 'This door station has no password yet. The password you set now protects this page and the API. At least 10 characters.'),
    passwordField('password', 'New password', 'new-password'),
    passwordField('confirm', 'Repeat the password', 'new-password'),
    h('div', { class: 'form-error error', role: 'alert' }),
    h('button', { type: 'submit' }, 'Set password'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    if (password !== form.elements.confirm.value) {
      showErrors(form, [{ path: 'confirm', message: 'The two passwords differ.' }]);
      return;
    }
    const result = await api('POST', '/web/api/setup', { password });
    if (result.ok) { state.csrf = result.body.csrfToken; showApp(); } else { showErrors(form, result.body.errors || [{ path: '', message: result.body.error }]); }
  });
  main.append(form);
  form.elements.password.focus();
}

function showLogin(reason) {
  chrome(false);
  stopStreams();
  clear(main);
  const form = h('form', { id: 'login-form', class: 'card center', novalidate: true },
    h('h2', {}, 'Log in'),
    reason ? h('p', { class: 'notice bad' }, reason) : null,
    passwordField('password', 'Administrator password', 'current-password'),
    h('div', { class: 'form-error error', role: 'alert' }),
    h('button', { type: 'submit' }, 'Log in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    const result = await api('POST', '/web/api/login', { password: form.elements.password.value });
    button.disabled = false;
    if (result.ok) { state.csrf = result.body.csrfToken; showApp(); return; }
    showErrors(form, [{ path: 'password', message: result.body.error || 'Login failed.' }]);
    if (result.body.retryAfterSeconds) {
      button.disabled = true;
      setTimeout(() => { button.disabled = false; }, result.body.retryAfterSeconds * 1000);
    }
  });
  main.append(form);
  form.elements.password.focus();
}

let currentStop = null;
function stopStreams() { if (currentStop) { currentStop(); currentStop = null; } }

function showApp() {
  chrome(true);
  if (!location.hash || location.hash === '#') { location.hash = '#/dashboard'; } else { route(); }
}

// Each navigation renders into its own detached container and shows it only if no later navigation started
// meanwhile: on a slow phone (or a busy device) two views must never end up on one page.
let routeGeneration = 0;

async function route() {
  if (!loggedIn) return;
  stopStreams();
  const generation = ++routeGeneration;
  const path = location.hash.replace(/^#/, '') || '/dashboard';
  for (const link of menu.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#${path}`) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (window.matchMedia('(max-width: 47.99rem)').matches) { menu.hidden = true; menuToggle.setAttribute('aria-expanded', 'false'); }
  clear(main);
  const target = document.createElement('div');
  const [, page, id] = path.split('/');
  const views = {
    dashboard: () => renderDashboard(target),
    events: () => renderEvents(target),
    settings: () => renderSettings(target, id),
    sip: async () => {
      await renderSettings(target, 'sip');
      await renderSettings(target, 'media', { embedded: true });
      return null;
    },
    calls: () => renderCalls(target),
    audio: () => renderAudio(target),
    security: () => renderSecurity(target),
    network: () => renderNetwork(target),
    system: () => renderSystem(target),
  };
  const view = views[page] || views.dashboard;
  const stop = await view() || null;
  if (generation !== routeGeneration || !loggedIn) { if (stop) stop(); return; }
  clear(main);
  main.append(...target.childNodes);
  currentStop = stop;
  main.focus();
}

state.onUnauthorized = (message) => showLogin(message || 'Your session ended; log in again.');
state.onReset = () => start();
window.addEventListener('hashchange', route);
menuToggle.addEventListener('click', () => {
  menu.hidden = !menu.hidden;
  menuToggle.setAttribute('aria-expanded', String(!menu.hidden));
});
logout.addEventListener('click', async () => {
  await api('POST', '/web/api/logout');
  await start();
});
start().catch((error) => { clear(main); main.append(notice(`The device did not answer: ${error}`, false)); });
