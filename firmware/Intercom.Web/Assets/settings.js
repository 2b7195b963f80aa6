// Settings forms rendered from the server's page description; saved all-or-nothing, errors beside their fields.
// Every rendered field is an editor { element, read(), place(path) }: read() gives its JSON value (undefined for
// "leave out"), place() sets the data-path attributes the server's error paths are matched against.
import { h, clear, api, showErrors, notice, durationToSeconds, secondsToDuration } from './core.js';

const ORIGINAL = '$original';
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

function splitList(text) { return text.split(',').map((part) => part.trim()).filter((part) => part !== ''); }

/** One input for one plain field. */
function scalarEditor(field, value) {
  const id = fieldId();
  const errorId = `${id}-error`;
  const common = { id, 'data-key': field.key, 'data-kind': field.kind, 'aria-describedby': `${errorId}${field.help ? ` ${id}-help` : ''}` };
  const help = field.help ? h('p', { class: 'help', id: `${id}-help` }, field.help) : null;
  let control;
  let wrapper;
  switch (field.kind) {
    case 'boolean':
      control = h('input', { ...common, type: 'checkbox', checked: value === true });
      wrapper = h('div', { class: 'field' }, h('label', { class: 'inline', for: id }, control, field.label), help, h('p', { class: 'error', id: errorId, role: 'alert' }));
      break;
    case 'optionalBoolean':
      control = h('select', common, h('option', { value: '' }, 'default'), h('option', { value: 'true' }, 'yes'), h('option', { value: 'false' }, 'no'));
      control.value = value === true ? 'true' : value === false ? 'false' : '';
      break;
    case 'choice':
      control = h('select', common, ...(field.choices || []).map((choice) => h('option', { value: choice }, choice)));
      control.value = value == null ? (field.choices || [])[0] : String(value);
      break;
    case 'optionalChoice':
      control = h('select', common, h('option', { value: '' }, 'default'), ...(field.choices || []).map((choice) => h('option', { value: choice }, choice)));
      control.value = value == null ? '' : String(value);
      break;
    case 'choiceList': case 'optionalChoiceList':
      control = h('input', { ...common, type: 'text', autocomplete: 'off', spellcheck: 'false', value: Array.isArray(value) ? value.join(', ') : '' });
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
  wrapper = wrapper || h('div', { class: 'field' }, h('label', { for: id }, field.label), control, help, h('p', { class: 'error', id: errorId, role: 'alert' }));
  return {
    element: wrapper,
    control,
    place(path) { wrapper.setAttribute('data-path', path); },
    read() {
      switch (field.kind) {
        case 'boolean': return control.checked;
        case 'optionalBoolean': return control.value === '' ? undefined : control.value === 'true';
        case 'choice': return isNumericChoice(field) ? Number(control.value) : control.value;
        case 'optionalChoice': return control.value === '' ? undefined : control.value;
        case 'choiceList': return splitList(control.value);
        case 'optionalChoiceList': return splitList(control.value).length === 0 ? undefined : splitList(control.value);
        case 'integer': case 'number': case 'optionalInteger': return control.value === '' ? undefined : Number(control.value);
        case 'duration': return control.value === '' ? undefined : secondsToDuration(control.value);
        case 'optionalText': return control.value.trim() === '' ? undefined : control.value.trim();
        case 'secret': return control.value === '' ? undefined : control.value;
        default: return control.value;
      }
    },
  };
}

/** The fields of one list or map item, in a fieldset; read() gives the item object. */
function itemEditor(field, item, onRemove) {
  const legend = h('legend', {});
  const set = h('fieldset', { class: 'item' }, legend);
  const children = field.fields.map((child) => ({ child, editor: editorFor(child, getPath(item, child.key)) }));
  for (const { editor } of children) set.append(editor.element);
  set.append(h('p', { class: 'error' }), h('button', { type: 'button', class: 'secondary', onclick: onRemove }, `Remove ${field.label.toLowerCase()}`));
  const original = item && Number.isInteger(item[ORIGINAL]) ? item[ORIGINAL] : undefined;
  return {
    element: set,
    children,
    label(text) { legend.textContent = text; },
    place(path) {
      set.setAttribute('data-path', path);
      for (const { child, editor } of children) editor.place(`${path}.${child.key}`);
    },
    read() {
      const result = {};
      if (original !== undefined) result[ORIGINAL] = original;
      for (const { child, editor } of children) {
        const value = editor.read();
        if (value !== undefined) setPath(result, child.key, value);
      }
      return result;
    },
  };
}

/** A list of objects (also inside a list item), or a map keyed by the items' first field. */
function collectionEditor(field, value) {
  const isMap = field.kind === 'map';
  const keyField = isMap ? field.fields[0].key : null;
  const container = h('div', { class: 'items' });
  const items = [];
  let basePath = '';
  const add = (item) => {
    const entry = itemEditor(field, item, () => {
      items.splice(items.indexOf(entry), 1);
      entry.element.remove();
      relabel();
    });
    items.push(entry);
    container.append(entry.element);
    relabel();
    return entry;
  };
  const relabel = () => items.forEach((entry, index) => entry.label(`${field.label} ${index + 1}`));
  if (isMap) for (const [key, item] of Object.entries(value || {})) add({ ...item, [keyField]: key });
  else for (const item of value || []) add(item);
  const addButton = h('button', {
    type: 'button', class: 'secondary',
    onclick: () => { const entry = add({}); entry.place(`${basePath}[${items.length - 1}]`); entry.element.querySelector('input, select').focus(); },
  }, `Add ${field.label.toLowerCase()}`);
  const element = h('div', { class: 'collection' }, h('p', { class: 'collection-label' }, `${field.label}s`), container, h('div', { class: 'actions' }, addButton));
  return {
    element,
    place(path) {
      basePath = path;
      container.setAttribute('data-path', path);
      items.forEach((entry, index) => {
        if (!isMap) { entry.place(`${path}[${index}]`); return; }
        const name = entry.children[0].editor.read();
        entry.place(`${path}.${name || `[${index}]`}`);
      });
    },
    read() {
      if (!isMap) return items.map((entry) => entry.read());
      const result = {};
      for (const entry of items) {
        const item = entry.read();
        const key = item[keyField];
        delete item[keyField];
        result[key ?? ''] = item;
      }
      return result;
    },
  };
}

function editorFor(field, value) {
  return field.kind === 'list' || field.kind === 'map' ? collectionEditor(field, value) : scalarEditor(field, value);
}

/** Renders a settings page into main (or into a card when embedded); returns nothing to stop. */
export async function renderSettings(main, id, options = {}) {
  const holder = h('div', { class: 'settings-holder' });
  const first = await build(holder, id, options, null);
  if (!first) { main.append(holder); return null; }
  if (options.embedded) main.append(h('section', { class: 'card', 'aria-labelledby': `h-${first.id}` }, h('h3', { id: `h-${first.id}` }, options.title || first.title), holder));
  else main.append(h('h2', {}, first.title), holder);
  return null;
}

/** Builds the form into holder; after a save it is built again from the stored values (new list items get their marks). */
async function build(holder, id, options, message) {
  const result = await api('GET', `/web/api/settings/${encodeURIComponent(id || '')}`);
  clear(holder);
  if (!result.ok) { holder.append(notice(result.body.error || 'No such page.', false)); return null; }
  const { page, values } = result.body;
  const section = page.section;
  const form = h('form', { class: 'settings', id: `settings-${page.id}`, novalidate: true, 'aria-label': page.title });
  const status = h('div', { role: 'status' }, message ? notice(message, true) : null);
  form.append(h('p', { class: 'muted' }, page.description), h('div', { class: 'form-error error', role: 'alert' }));
  const editors = page.fields.map((field) => ({ field, editor: editorFor(field, getPath(values, field.key)) }));
  const place = () => { for (const { field, editor } of editors) editor.place(`${section}.${field.key}`); };
  for (const { editor } of editors) form.append(editor.element);
  place();
  form.append(h('div', { class: 'actions' }, h('button', { type: 'submit' }, options.saveLabel || 'Save')), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    place();
    const body = {};
    for (const { field, editor } of editors) {
      const value = editor.read();
      if (value !== undefined) setPath(body, field.key, value);
    }
    const saved = await api('POST', `/web/api/settings/${page.id}`, body);
    clear(status);
    if (saved.ok) { await build(holder, id, options, saved.body.message); return; }
    showErrors(form, saved.body.errors || []);
    status.append(notice(saved.body.error || `Not saved (${saved.status}).`, false));
  });
  holder.append(form);
  return page;
}
