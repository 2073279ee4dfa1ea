import { expect } from '@open-wc/testing';
import { LOCKED_TEXT, SettingsForm } from './options-form.ts';
import { DEMO_SETTINGS, resolveSettings } from './settings.ts';

const POLICY = { apiBase: 'https://api.rechat.com', brand: 'policy-brand' };
const USER = { apiBase: 'https://api.staging.example.com', clientId: 'user-client', brand: 'user-brand', broker: 'https://broker.example.com' };

let markup: string | undefined;

/** The real options.html's <main>, in a fresh container. */
async function mount(): Promise<{ form: SettingsForm; root: HTMLElement; text(id: string): string | null | undefined }> {
  markup ??= await (await fetch(new URL('./options.html', import.meta.url))).text();
  const doc = new DOMParser().parseFromString(markup, 'text/html');
  const root = document.createElement('div');
  root.append(document.importNode(doc.querySelector('main')!, true));
  document.body.append(root);
  return { form: new SettingsForm(root), root, text: (id) => root.querySelector(`#${id}`)?.textContent };
}

const describedBy = (el: Element) => (el.getAttribute('aria-describedby') ?? '').split(' ');

describe('the options form', () => {
  afterEach(() => {
    for (const el of [...document.body.children]) if (el.tagName === 'DIV') el.remove();
  });

  it('stays disabled until the settings are read', async () => {
    const { form, root } = await mount();
    const fields = root.querySelector<HTMLFieldSetElement>('#settings-fields')!;
    expect(fields.disabled).to.equal(true);
    expect(form.saveButton.disabled).to.equal(true);
    expect(form.form.getAttribute('aria-busy')).to.equal('true');
    form.apply(resolveSettings({}, undefined), { lockedOnly: false });
    expect(fields.disabled).to.equal(false);
    expect(form.saveButton.disabled).to.equal(false);
    expect(form.form.hasAttribute('aria-busy')).to.equal(false);
  });

  it('shows the effective values: the defaults, then what the agent saved', async () => {
    const { form } = await mount();
    form.apply(resolveSettings({}, undefined), { lockedOnly: false });
    expect(form.control('apiBase').value).to.equal(DEMO_SETTINGS.apiBase);
    expect(form.control('clientId').value).to.equal(DEMO_SETTINGS.clientId);
    form.apply(resolveSettings({}, USER), { lockedOnly: false });
    expect(form.control('apiBase').value).to.equal(USER.apiBase);
    expect(form.control('broker').value).to.equal(USER.broker);
    expect(form.control('tokenEndpoint').value).to.equal('');
  });

  it('locks the fields set by policy, with their value and "Set by your organisation"', async () => {
    const { form, root, text } = await mount();
    form.apply(resolveSettings(POLICY, USER), { lockedOnly: false });
    for (const key of ['apiBase', 'brand'] as const) {
      const input = form.control(key);
      expect(input.value).to.equal(POLICY[key]);
      expect(input.disabled).to.equal(true);
      expect(describedBy(input)).to.deep.equal([`${key}-lock`, `${key}-hint`]);
      expect(text(`${key}-lock`)).to.equal(LOCKED_TEXT);
    }
    for (const key of ['clientId', 'broker'] as const) {
      expect(form.control(key).disabled).to.equal(false);
      expect(form.control(key).value).to.equal(USER[key]);
      expect(root.querySelector(`#${key}-lock`)).to.equal(null);
    }
    expect(root.querySelector<HTMLElement>('#policy-note')!.hidden).to.equal(false);
    expect(form.saveButton.disabled).to.equal(false);
    await expect(root).to.be.accessible();
  });

  it('unlocks a field when the policy is lifted', async () => {
    const { form, root } = await mount();
    form.apply(resolveSettings(POLICY, USER), { lockedOnly: false });
    form.apply(resolveSettings({}, USER), { lockedOnly: true });
    expect(form.control('apiBase').disabled).to.equal(false);
    expect(root.querySelector('#apiBase-lock')).to.equal(null);
    expect(root.querySelector<HTMLElement>('#policy-note')!.hidden).to.equal(true);
  });

  it('applies a policy pushed while the page is open without touching what the agent is typing', async () => {
    const { form } = await mount();
    form.apply(resolveSettings({}, USER), { lockedOnly: false });
    form.control('clientId').value = 'being-typed';
    form.control('apiBase').value = 'https://typed.example.com';
    form.apply(resolveSettings(POLICY, USER), { lockedOnly: true });
    expect(form.control('clientId').value).to.equal('being-typed');
    expect(form.control('apiBase').value).to.equal(POLICY.apiBase);
    expect(form.control('apiBase').disabled).to.equal(true);
  });

  it("says when an organisation's value was ignored, without locking the field", async () => {
    const { form, text } = await mount();
    form.apply(resolveSettings({ apiBase: 'http://api.rechat.com' }, USER), { lockedOnly: false });
    expect(form.control('apiBase').disabled).to.equal(false);
    expect(form.control('apiBase').value).to.equal(USER.apiBase);
    expect(text('apiBase-note')).to.equal("Your organisation's value was ignored: Use https:// (http:// is allowed only for localhost).");
    expect(describedBy(form.control('apiBase'))).to.deep.equal(['apiBase-note', 'apiBase-hint']);
  });

  it('disables Save when policy sets every field', async () => {
    const { form } = await mount();
    form.apply(resolveSettings({ ...POLICY, clientId: 'c', tokenEndpoint: '', broker: '' }, undefined), { lockedOnly: false });
    expect(form.saveButton.disabled).to.equal(true);
  });

  it('refuses to save invalid values: messages next to the fields, linked, and the focus on the first', async () => {
    const { form, root, text } = await mount();
    form.apply(resolveSettings({}, undefined), { lockedOnly: false });
    form.control('apiBase').value = 'http://api.example.com';
    form.control('clientId').value = '  ';
    form.control('broker').value = 'nope';
    expect(form.submit()).to.deep.equal({ ok: false, firstInvalid: 'apiBase' });
    expect(text('apiBase-error')).to.equal('Use https:// (http:// is allowed only for localhost).');
    expect(text('clientId-error')).to.equal('Enter the client id.');
    expect(text('broker-error')).to.equal('Enter a full URL, such as https://sso.example.com/broker.');
    expect(root.querySelector('#brand-error')).to.equal(null);
    const apiBase = form.control('apiBase');
    expect(apiBase.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(apiBase)).to.deep.equal(['apiBase-error', 'apiBase-hint']);
    expect(document.activeElement).to.equal(apiBase);
    await expect(root).to.be.accessible();

    // Fixing a field clears its message as the agent types.
    apiBase.value = 'https://api.example.com';
    apiBase.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(root.querySelector('#apiBase-error')).to.equal(null);
    expect(apiBase.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('saves the clean values of the fields the agent may change, never the locked ones', async () => {
    const { form } = await mount();
    form.apply(resolveSettings(POLICY, undefined), { lockedOnly: false });
    form.control('clientId').value = '  my-client  ';
    form.control('tokenEndpoint').value = 'https://SSO.example.com/token/';
    expect(form.submit()).to.deep.equal({
      ok: true,
      values: { clientId: 'my-client', tokenEndpoint: 'https://sso.example.com/token', broker: '' },
    });
    expect(form.control('clientId').value).to.equal('my-client');
  });

  it('checks a field when the agent leaves it, but not on the way to Save', async () => {
    const { form, root } = await mount();
    form.apply(resolveSettings({}, undefined), { lockedOnly: false });
    const apiBase = form.control('apiBase');
    apiBase.focus();
    apiBase.value = 'ftp://x';
    apiBase.dispatchEvent(new InputEvent('input', { bubbles: true }));
    form.saveButton.focus(); // the message would move the button between press and release
    expect(root.querySelector('#apiBase-error')).to.equal(null);
    apiBase.focus();
    form.control('clientId').focus();
    expect(root.querySelector('#apiBase-error')?.textContent).to.equal('Use an https:// URL.');
  });

  it('offers a picker of the brands, keeping the label, the messages and an unknown current value', async () => {
    const { form, root } = await mount();
    form.apply(resolveSettings({}, { brand: 'old-brand' }), { lockedOnly: false });
    form.showBrandPicker([
      { id: 'b1', name: 'Office', role: 'Admin' },
      { id: 'b2', name: 'Team', role: 'Agent', parentName: 'Office' },
    ]);
    const select = form.control('brand') as HTMLSelectElement;
    expect(select.tagName).to.equal('SELECT');
    expect([...select.options].map((o) => [o.value, o.text])).to.deep.equal([
      ['old-brand', 'old-brand (not one of your brands)'],
      ['b1', 'Office (Admin)'],
      ['b2', 'Team — Office (Agent)'],
    ]);
    expect(select.value).to.equal('old-brand');
    expect(root.querySelector<HTMLLabelElement>('label[for="brand"]')!.control).to.equal(select);
    expect(describedBy(select)).to.deep.equal(['brand-hint']);
    await expect(root).to.be.accessible();
    select.value = 'b2';
    expect(form.submit()).to.include({ ok: true });
    form.showBrandInput();
    expect(form.control('brand').tagName).to.equal('INPUT');
    expect(form.control('brand').value).to.equal('b2');
  });
});
