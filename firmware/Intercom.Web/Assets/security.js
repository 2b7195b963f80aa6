// Security: the administrator password and the API tokens (a new token is shown once).
import { h, clear, api, showErrors, notice } from './core.js';
import { renderSettings } from './settings.js';

const scopes = [['read', 'read status'], ['door', 'open doors'], ['call', 'calls and virtual presses'], ['admin', 'everything']];

export async function renderSecurity(main) {
  const passwordStatus = h('div', { role: 'status' });
  const password = h('form', { id: 'password-form', class: 'card', novalidate: true },
    h('h3', {}, 'Administrator password'),
    field('currentPassword', 'Current password', 'current-password'),
    field('newPassword', 'New password (at least 10 characters)', 'new-password'),
    h('div', { class: 'form-error error', role: 'alert' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Change password')), passwordStatus);
  password.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await api('POST', '/web/api/security/password', { currentPassword: password.elements.currentPassword.value, newPassword: password.elements.newPassword.value });
    clear(passwordStatus);
    if (result.ok) { password.reset(); showErrors(password, []); passwordStatus.append(notice(result.body.message, true)); }
    else showErrors(password, result.body.errors || [{ path: '', message: result.body.error }]);
  });

  const list = h('tbody');
  const created = h('div', { role: 'status', id: 'token-created' });
  const tokenForm = h('form', { id: 'token-form', novalidate: true },
    h('div', { class: 'field', 'data-path': 'name' }, h('label', { for: 'token-name' }, 'Name'),
      h('input', { id: 'token-name', name: 'name', type: 'text', maxlength: '40', placeholder: 'home assistant' }), h('p', { class: 'error', role: 'alert' })),
    h('fieldset', { 'data-path': 'scopes' }, h('legend', {}, 'Scopes'),
      ...scopes.map(([value, text]) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'scope', value }), `${value} — ${text}`)),
      h('p', { class: 'error', role: 'alert' })),
    h('div', { class: 'form-error error', role: 'alert' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create token')), created);
  tokenForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = [...tokenForm.querySelectorAll('input[name=scope]:checked')].map((box) => box.value);
    const result = await api('POST', '/web/api/security/tokens', { name: tokenForm.elements.name.value, scopes: chosen });
    clear(created);
    if (!result.ok) { showErrors(tokenForm, result.body.errors || [{ path: '', message: result.body.error }]); return; }
    showErrors(tokenForm, []);
    tokenForm.reset();
    created.append(h('p', {}, 'Copy this token now; it is not shown again:'), h('p', { class: 'token', id: 'new-token' }, result.body.token));
    await load();
  });

  async function load() {
    const result = await api('GET', '/web/api/security/tokens');
    clear(list);
    if (result.ok && result.body.length === 0) list.append(h('tr', {}, h('td', { colspan: '3', class: 'muted' }, 'No API tokens.')));
    for (const token of result.ok ? result.body : []) {
      list.append(h('tr', { 'data-token': token.id }, h('td', {}, token.name, h('br'), h('small', { class: 'muted mono' }, token.id)), h('td', {}, token.scopes.join(', ')),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: async () => {
          if (!window.confirm(`Revoke the token "${token.name}"? Whatever uses it stops working.`)) return;
          await api('POST', `/web/api/security/tokens/${encodeURIComponent(token.id)}/revoke`);
          await load();
        } }, 'Revoke'))));
    }
  }

  main.append(h('h2', {}, 'Security'), h('div', { class: 'grid' }, password,
    h('section', { class: 'card', 'aria-labelledby': 'h-tokens' }, h('h3', { id: 'h-tokens' }, 'API tokens'),
      h('p', { class: 'muted' }, 'For home automation: send as "Authorization: Bearer <token>". Only a hash is stored.'),
      h('table', { id: 'tokens' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Scopes'), h('th', {}, ''))), list), tokenForm)));
  await renderSettings(main, 'inbound', { embedded: true });
  await load();
  return null;
}

function field(id, label, autocomplete) {
  return h('div', { class: 'field', 'data-path': id }, h('label', { for: id }, label),
    h('input', { id, name: id, type: 'password', autocomplete }), h('p', { class: 'error', role: 'alert' }));
}
