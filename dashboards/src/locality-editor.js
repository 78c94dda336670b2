// The admins' locality editor: pick a locality in force or a new one, give it a code and name, tick its wards in a list
// of the current ward set (a list, not clicks on the map, so it works from the keyboard and with a screen reader), save
// or retire it; the API's refusals are shown beside their fields. What is saved reaches the page's locality selector
// at once. Retiring asks nothing first: it is a version of its own, and saving the locality again brings it back.
import { api, ApiError } from './api.js';
import { fieldMessages } from './operation-form.js';

export class LocalityEditor {
  constructor(root, store) {
    this.root = root;
    this.store = store;
    const $ = id => root.querySelector(`#${id}`);
    this.$ = $;
    this.fields = new Map([...root.querySelectorAll('.field[data-field]')].map(field => {
      const error = Object.assign(document.createElement('p'), { className: 'field-error', id: `le-error-${field.dataset.field}` });
      field.append(error);
      for (const control of field.querySelectorAll('input:not([type=checkbox]), select')) control.setAttribute('aria-errormessage', error.id);
      return [field.dataset.field, { field, error }];
    }));
    $('le-pick').addEventListener('change', () => this.edit($('le-pick').value));
    $('le-wards').addEventListener('change', () => this.count());
    $('le-form').addEventListener('submit', event => { event.preventDefault(); this.save(); });
    $('le-retire').addEventListener('click', () => this.retire());
    store.subscribe(changed => {
      if (changed.has('account')) root.hidden = !this.isAdmin;
      if (this.isAdmin && ['account', 'localities', 'areas'].some(key => changed.has(key))) this.list();
    });
  }

  get isAdmin() { return this.store.state.account?.roles.includes('admin') ?? false; }

  list(chosen = this.$('le-pick').value) {
    const { localities } = this.store.state;
    this.$('le-pick').replaceChildren(new Option('New locality', ''), ...localities.map(l => new Option(`${l.name} (${l.code})`, l.code)));
    this.$('le-pick').value = localities.some(l => l.code === chosen) ? chosen : '';
    this.edit(this.$('le-pick').value);
  }

  edit(code) {
    const $ = this.$;
    const locality = this.store.state.localities.find(l => l.code === code);
    $('le-code').value = locality?.code ?? '';
    $('le-code').readOnly = Boolean(locality);
    $('le-name').value = locality?.name ?? '';
    const ticked = new Set(locality?.wards ?? []);
    const byName = [...this.store.state.areas.wards].sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'en-GB'));
    $('le-wards').replaceChildren(...byName.map(({ properties: { code: ward, name } }) => {
      const label = document.createElement('label');
      label.append(Object.assign(document.createElement('input'), { type: 'checkbox', value: ward, checked: ticked.has(ward) }), ` ${name}`);
      return label;
    }));
    $('le-retire').hidden = !locality;
    this.count();
    this.showErrors(new Map());
  }

  count() {
    const ticked = this.$('le-wards').querySelectorAll('input:checked').length;
    this.$('le-count').textContent = `(${ticked} ticked)`;
  }

  async save() {
    const $ = this.$;
    const code = $('le-code').value.trim();
    const body = { name: $('le-name').value, wards: [...$('le-wards').querySelectorAll('input:checked')].map(box => box.value) };
    // An empty code still reaches the API (as a space), so its own words say what a code must be.
    const saved = await this.attempt(() => api(`/api/localities/${encodeURIComponent(code || ' ')}`, { method: 'PUT', body }));
    if (!saved) return;
    await this.reload(saved.code);
    $('le-status').textContent = `Saved ${saved.name} (version ${saved.version}, ${saved.wards.length} wards).`;
  }

  async retire() {
    const code = this.$('le-code').value;
    const retired = await this.attempt(() => api(`/api/localities/${encodeURIComponent(code)}`, { method: 'DELETE' }));
    if (!retired) return;
    await this.reload('');
    this.$('le-status').textContent = `Retired ${retired.name}; saving it again brings it back.`;
  }

  async reload(chosen) {
    this.store.set({ localities: await api('/api/localities') });
    this.list(chosen);
  }

  async attempt(request) {
    this.showErrors(new Map());
    this.$('le-status').textContent = '';
    for (const button of this.root.querySelectorAll('button')) button.disabled = true;
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.showErrors(fieldMessages(error.problem));
      return null;
    } finally {
      for (const button of this.root.querySelectorAll('button')) button.disabled = false;
    }
  }

  showErrors(messages) {
    const unplaced = [];
    for (const [field, list] of messages) if (!this.fields.has(field)) unplaced.push(...list);
    for (const [name, { field, error }] of this.fields) {
      const list = messages.get(name) ?? [];
      error.textContent = list.join('; ');
      field.classList.toggle('invalid', list.length > 0);
      for (const control of field.querySelectorAll('input:not([type=checkbox]), select')) control.setAttribute('aria-invalid', String(list.length > 0));
    }
    this.$('le-error').textContent = unplaced.join('; ');
  }
}
