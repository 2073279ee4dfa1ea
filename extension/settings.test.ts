import { expect } from '@open-wc/testing';
import { isPopupConfig, popupConfigFor, toLauncherConfig } from './client-config.ts';
import { DEMO_SETTINGS, checkSettings, isSecureApiUrl, resolveSettings, validateField } from './settings.ts';

const POLICY = {
  apiBase: 'https://api.rechat.com',
  clientId: 'policy-client',
  brand: 'policy-brand',
};
const USER = {
  apiBase: 'https://api.staging.rechat.com',
  clientId: 'user-client',
  brand: 'user-brand',
  tokenEndpoint: 'https://sso.brokerage.example/token',
  broker: 'https://sso.brokerage.example/broker',
};

describe('validateField', () => {
  it('accepts and trims good values', () => {
    expect(validateField('apiBase', '  https://api.rechat.com  ')).to.deep.equal({ ok: true, value: 'https://api.rechat.com' });
    expect(validateField('apiBase', 'http://localhost:5173/api')).to.deep.equal({ ok: true, value: 'http://localhost:5173/api' });
    expect(validateField('apiBase', 'http://127.0.0.1:8080/api').ok).to.equal(true);
    expect(validateField('apiBase', 'http://[::1]:8080/api').ok).to.equal(true);
    expect(validateField('apiBase', 'http://demo.localhost/api').ok).to.equal(true);
    expect(validateField('clientId', ' bf0da47e-7226-11e4-905b-0024d71b10fc ')).to.deep.equal({ ok: true, value: 'bf0da47e-7226-11e4-905b-0024d71b10fc' });
    expect(validateField('brand', '36bbee0b-37b1-4296-82b7-d9c61ad0a875').ok).to.equal(true);
  });

  it('says what is wrong with a URL, in words for the person filling in the form', () => {
    const message = (key: Parameters<typeof validateField>[0], value: unknown) => {
      const result = validateField(key, value);
      return result.ok ? undefined : result.message;
    };
    expect(message('apiBase', '')).to.equal('Enter the API base URL.');
    expect(message('apiBase', '   ')).to.equal('Enter the API base URL.');
    expect(message('apiBase', 'api.rechat.com')).to.equal('Enter a full URL, such as https://api.rechat.com.');
    expect(message('apiBase', 'http://api.rechat.com')).to.equal('Use https:// (http:// is allowed only for localhost).');
    expect(message('apiBase', 'http://localhost.evil.com/api')).to.equal('Use https:// (http:// is allowed only for localhost).');
    expect(message('apiBase', 'javascript:alert(1)')).to.equal('Use an https:// URL.');
    expect(message('apiBase', 'ftp://api.rechat.com')).to.equal('Use an https:// URL.');
    expect(message('apiBase', 'https://agent:secret@api.rechat.com')).to.equal('Leave the user name and password out of the URL.');
    expect(message('apiBase', 42)).to.equal('Enter text.');
    expect(message('tokenEndpoint', 'http://sso.example.com/token')).to.equal('Use https:// (http:// is allowed only for localhost).');
    expect(message('broker', 'not a url')).to.equal('Enter a full URL, such as https://sso.example.com/broker.');
  });

  it('says what is wrong with an id', () => {
    expect(validateField('clientId', '')).to.deep.equal({ ok: false, message: 'Enter the client id.' });
    expect(validateField('brand', ' ')).to.deep.equal({ ok: false, message: 'Enter the brand id.' });
    expect(validateField('brand', 'a b')).to.deep.equal({ ok: false, message: 'The brand id may contain only letters, digits and . _ : @ -' });
    expect(validateField('brand', 'x'.repeat(201))).to.deep.equal({ ok: false, message: 'The brand id is too long.' });
  });

  it('writes URLs the way the element does, so the popup and the background share one session key', () => {
    expect(validateField('apiBase', 'https://API.Rechat.com/')).to.deep.equal({ ok: true, value: 'https://api.rechat.com' });
    expect(validateField('apiBase', 'http://localhost:5173/api/')).to.deep.equal({ ok: true, value: 'http://localhost:5173/api' });
    expect(validateField('broker', 'https://sso.example.com:443/broker//')).to.deep.equal({ ok: true, value: 'https://sso.example.com/broker' });
  });

  it('takes an empty optional URL as "not set"', () => {
    expect(validateField('tokenEndpoint', '')).to.deep.equal({ ok: true, value: '' });
    expect(validateField('broker', '   ')).to.deep.equal({ ok: true, value: '' });
  });
});

describe('isSecureApiUrl', () => {
  it('allows https anywhere and http only on this machine', () => {
    expect(isSecureApiUrl('https://api.rechat.com')).to.equal(true);
    expect(isSecureApiUrl('http://localhost/api')).to.equal(true);
    expect(isSecureApiUrl('http://10.0.0.5/api')).to.equal(false);
    expect(isSecureApiUrl('http://localhost@evil.com/api')).to.equal(false);
    expect(isSecureApiUrl('nope')).to.equal(false);
  });
});

describe('checkSettings', () => {
  it('keeps the good fields, reports the bad ones, ignores unknown and absent keys', () => {
    expect(checkSettings({ apiBase: 'http://api.example.com', brand: ' b1 ', extra: 'x', clientId: null })).to.deep.equal({
      values: { brand: 'b1' },
      errors: { apiBase: 'Use https:// (http:// is allowed only for localhost).' },
    });
    expect(checkSettings(undefined)).to.deep.equal({ values: {}, errors: {} });
    expect(checkSettings('apiBase=x')).to.deep.equal({ values: {}, errors: {} });
  });
});

describe('resolveSettings: policy over options over defaults', () => {
  it('uses the local demo until configured', () => {
    const resolved = resolveSettings({}, undefined);
    expect(resolved.settings).to.deep.equal(DEMO_SETTINGS);
    expect(resolved.source).to.deep.equal({ apiBase: 'default', clientId: 'default', brand: 'default', tokenEndpoint: 'default', broker: 'default' });
    expect(resolved.locked).to.deep.equal([]);
    expect(resolved.usingDemo).to.equal(true);
  });

  it("uses the options page's values over the defaults", () => {
    const resolved = resolveSettings({}, USER);
    expect(resolved.settings).to.deep.equal(USER);
    expect(resolved.locked).to.deep.equal([]);
    expect(resolved.usingDemo).to.equal(false);
  });

  it("lets policy win over the options page, field by field, and locks those fields", () => {
    const resolved = resolveSettings(POLICY, USER);
    expect(resolved.settings).to.deep.equal({ ...POLICY, tokenEndpoint: USER.tokenEndpoint, broker: USER.broker });
    expect(resolved.source).to.deep.equal({ apiBase: 'policy', clientId: 'policy', brand: 'policy', tokenEndpoint: 'user', broker: 'user' });
    expect(resolved.locked).to.deep.equal(['apiBase', 'clientId', 'brand']);
  });

  it('mixes the three sources', () => {
    const resolved = resolveSettings({ brand: 'policy-brand' }, { apiBase: 'https://api.example.com' });
    expect(resolved.settings).to.deep.equal({ apiBase: 'https://api.example.com', clientId: DEMO_SETTINGS.clientId, brand: 'policy-brand' });
    expect(resolved.source).to.include({ apiBase: 'user', clientId: 'default', brand: 'policy' });
    expect(resolved.locked).to.deep.equal(['brand']);
  });

  it('lets a policy lock an optional field to "none" with an empty string', () => {
    const resolved = resolveSettings({ tokenEndpoint: '' }, USER);
    expect(resolved.settings.tokenEndpoint).to.equal(undefined);
    expect(resolved.locked).to.deep.equal(['tokenEndpoint']);
  });

  it('ignores an invalid policy value (the field stays unlocked) and reports it', () => {
    const resolved = resolveSettings({ apiBase: 'http://api.rechat.com', clientId: 7, brand: 'policy-brand' }, USER);
    expect(resolved.settings.apiBase).to.equal(USER.apiBase);
    expect(resolved.settings.clientId).to.equal(USER.clientId);
    expect(resolved.settings.brand).to.equal('policy-brand');
    expect(resolved.locked).to.deep.equal(['brand']);
    expect(resolved.policyErrors).to.deep.equal({
      apiBase: 'Use https:// (http:// is allowed only for localhost).',
      clientId: 'Enter text.',
    });
  });

  it('skips an invalid saved value (from an older version, or edited by hand) in favour of the default', () => {
    const resolved = resolveSettings({}, { apiBase: 'http://api.rechat.com', brand: '' });
    expect(resolved.settings).to.deep.equal(DEMO_SETTINGS);
  });

  it('survives storage that holds something else entirely', () => {
    for (const junk of [null, 'x', 42, [], { apiBase: { href: 'https://x' } }]) {
      expect(resolveSettings(junk, junk).settings).to.deep.equal(DEMO_SETTINGS);
    }
  });
});

describe('toLauncherConfig', () => {
  it('keeps the session in IndexedDB, shared by the popup and the background', () => {
    expect(toLauncherConfig(USER)).to.deep.equal({
      apiBase: USER.apiBase,
      clientId: USER.clientId,
      brand: USER.brand,
      tokenEndpoint: USER.tokenEndpoint,
      persist: 'local',
    });
    expect(toLauncherConfig(DEMO_SETTINGS)).to.not.have.property('tokenEndpoint');
  });
});

describe('popupConfigFor', () => {
  it('says when the popup runs on the local demo, or on a broken policy', () => {
    expect(popupConfigFor(resolveSettings({}, undefined)).hint).to.equal('Using the local demo; open settings to configure.');
    expect(popupConfigFor(resolveSettings({ clientId: '' }, USER)).hint).to.equal('Some settings from your organisation are invalid; see Settings.');
    const config = popupConfigFor(resolveSettings({}, USER));
    expect(config).to.deep.equal({ launcher: toLauncherConfig(USER), broker: USER.broker, hint: '' });
    expect(isPopupConfig(JSON.parse(JSON.stringify(config)))).to.equal(true);
  });

  it('does not take just anything from storage for a popup configuration', () => {
    for (const junk of [undefined, null, 'x', {}, { launcher: {}, broker: '', hint: '' }, { launcher: { apiBase: 'a', clientId: 'c', brand: 'b' }, hint: '' }]) {
      expect(isPopupConfig(junk)).to.equal(false);
    }
  });
});
