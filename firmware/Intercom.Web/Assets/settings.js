// Settings forms rendered from the server's page description; saved all-or-nothing, errors beside their fields.
import { h, clear, api, showErrors, notice, durationToSeconds, secondsToDuration } from './core.js';

let counter = 0;

function fieldId() { counter += 1; return `f${counter}`; }

function getPath(object, key) { return key.split('.').reduce((value, part) => (value == null ? undefined : value[part]), object); }

function setPath(object, key, value) {
  const parts = key.split('.');
  let target = object;
  for (const part of parts.slice(0, -1)) { target[part] = target[part] || {}; target = target[part]; }
  target[parts[parts.length - 1]] = value;
}

function isNumericChoice(field) { return field.choices && field.choices.every((choice) => /^\d+$/.test(choice)); }

/** One input for one field; returns the wrapper element (data-path = the field's JSON path). */
function renderField(field, value, path) {
  const id = fieldId();
  const errorId = `${id}-error`;
  const common = { id, 'data-key': field.key, 'data-kind': field.kind, 'aria-describedby': `${errorId}${field.help ? ` ${id}-help` : ''}` };
  let control;
  switch (field.kind) {
    case 'boolean':
      control = h('input', { ...common, type: 'checkbox', checked: value === true });
      return h('div', { class: 'field', 'data-path': path }, h('label', { class: 'inline', for: id }, control, field.label),
        field.help ? h('p', { class: 'help', id: `${id}-help` }, field.help) : null, h('p', { class: 'error', id: errorId }));
    case 'optionalBoolean':
      control = h('select', common, h('option', { value: '' }, 'default'), h('option', { value: 'true' }, 'yes'), h('option', { value: 'false' }, 'no'));
      control.value = value === true ? 'true' : value === false ? 'false' : '';
      break;
    case 'choice':
      control = h('select', common, ...(field.choices || []).map((choice) => h('option', { value: choice }, choice)));
      control.value = value == null ? (field.choices || [])[0] : String(value);
      break;
    case 'integer': case 'optionalInteger': case 'number':
      control = h('input', { ...common, type: 'number', inputmode: field.kind === 'number' ? 'decimal' : 'numeric', step: field.kind === 'number' ? 'any' : '1', min: field.minimum, max: field.maximum, value: value ?? '' });
      break;
    case 'duration':
      control = h('input', { ...common, type: 'number', inputmode: 'decimal', step: 'any', min: field.minimum, max: field.maximum, value: durationToSeconds(value) });
      break;
    case 'secret':
      control = h('input', { ...common, type: 'password', autocomplete: 'new-password', placeholder: 'unchanged', value: '' });
      break;
    default:
      control = h('input', { ...common, type: 'text', autocomplete: 'off', spellcheck: 'false', value: value ?? '' });
  }
  return h('div', { class: 'field', 'data-path': path }, h('label', { for: id }, field.label), control,
    field.help ? h('p', { class: 'help', id: `${id}-help` }, field.help) : null, h('p', { class: 'error', id: errorId, role: 'alert' }));
}

function readControl(control, field) {
  switch (field.kind) {
    case 'boolean': return control.checked;
    case 'optionalBoolean': return control.value === '' ? undefined : control.value === 'true';
    case 'choice': return isNumericChoice(field) ? Number(control.value) : control.value;
    case 'integer': case 'number': return control.value === '' ? undefined : Number(control.value);
    case 'optionalInteger': return control.value === '' ? undefined : Number(control.value);
    case 'duration': return control.value === '' ? undefined : secondsToDuration(control.value);
    case 'optionalText': return control.value.trim() === '' ? undefined : control.value.trim();
    case 'secret': return control.value === '' ? undefined : control.value;
    default: return control.value;
  }
}

function renderListItem(field, item, path, index, container) {
  const set = h('fieldset', { class: 'item', 'data-path': `${path}[${index}]` }, h('legend', {}, `${field.label} ${index + 1}`));
  for (const child of field.fields) set.append(renderField(child, getPath(item, child.key), `${path}[${index}].${child.key}`));
  set.append(h('p', { class: 'error' }), h('button', { type: 'button', class: 'secondary', onclick: () => { set.remove(); renumber(container, field, path); } }, `Remove ${field.label.toLowerCase()}`));
  return set;
}

function renumber(container, field, path) {
  [...container.children].forEach((set, index) => {
    set.setAttribute('data-path', `${path}[${index}]`);
    set.querySelector('legend').textContent = `${field.label} ${index + 1}`;
    for (const wrapper of set.querySelectorAll('.field')) {
      const key = wrapper.querySelector('[data-key]').getAttribute('data-key');
      wrapper.setAttribute('data-path', `${path}[${index}].${key}`);
    }
  });
}

/** Renders a settings page into main; returns nothing to stop. */
export async function renderSettings(main, id, options = {}) {
  const result = await api('GET', `/web/api/settings/${encodeURIComponent(id || '')}`);
  if (!result.ok) { main.append(notice(result.body.error || 'No such page.', false)); return null; }
  const { page, values } = result.body;
  const section = page.section;
  const form = h('form', { class: 'settings', id: `settings-${page.id}`, novalidate: true });
  const status = h('div', { role: 'status' });
  form.append(h('p', { class: 'muted' }, page.description), h('div', { class: 'form-error error', role: 'alert' }));
  const lists = [];
  for (const field of page.fields) {
    if (field.kind === 'list') {
      const path = `${section}.${field.key}`;
      const container = h('div', { class: 'items', 'data-path': path });
      (values[field.key] || []).forEach((item, index) => container.append(renderListItem(field, item, path, index, container)));
      form.append(container, h('div', { class: 'actions' }, h('button', {
        type: 'button', class: 'secondary',
        onclick: () => { container.append(renderListItem(field, {}, path, container.children.length, container)); container.lastChild.querySelector('input, select').focus(); },
      }, `Add ${field.label.toLowerCase()}`)));
      lists.push({ field, container });
    } else {
      form.append(renderField(field, getPath(values, field.key), `${section}.${field.key}`));
    }
  }
  form.append(h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save')), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const field of page.fields.filter((f) => f.kind !== 'list')) {
      const control = form.querySelector(`[data-path="${CSS.escape(`${section}.${field.key}`)}"] [data-key]`);
      const value = readControl(control, field);
      if (value !== undefined) setPath(body, field.key, value);
    }
    for (const { field, container } of lists) {
      body[field.key] = [...container.children].map((set) => {
        const item = {};
        for (const child of field.fields) {
          const control = set.querySelector(`[data-key="${CSS.escape(child.key)}"]`);
          const value = readControl(control, child);
          if (value !== undefined) setPath(item, child.key, value);
        }
        return item;
      });
    }
    const saved = await api('POST', `/web/api/settings/${page.id}`, body);
    clear(status);
    if (saved.ok) { showErrors(form, []); status.append(notice(saved.body.message, true)); }
    else { showErrors(form, saved.body.errors || []); status.append(notice(saved.body.error || `Not saved (${saved.status}).`, false)); }
  });
  if (!options.embedded) main.append(h('h2', {}, page.title));
  main.append(form);
  return null;
}
