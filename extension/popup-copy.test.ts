/**
 * The popup's copy of its configuration (popup-copy.ts): what goes in comes back, junk and a missing
 * storage read as "no copy", and the attributes put on `<sso-launcher>` are the ones it reads, so the
 * element defined later starts from them (issue 15).
 */
import { expect } from '@open-wc/testing';
import type { PopupConfig } from './client-config.ts';
import { COPY_KEY, configureLauncher, keepCopy, readCopy } from './popup-copy.ts';
import { launcherConfig, type LauncherAttributes } from '../components/launcher-config.ts';

const CONFIG: PopupConfig = {
  launcher: { apiBase: 'https://api.example.com', clientId: 'client-1', brand: 'brand-1', persist: 'local' },
  broker: 'https://broker.example.com',
  hint: '',
};

/** A Storage stand-in that counts writes. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { writes: number } {
  const map = new Map<string, string>();
  return {
    writes: 0,
    getItem: (key) => map.get(key) ?? null,
    setItem(key, value) {
      this.writes++;
      map.set(key, value);
    },
  };
}

describe("the popup's configuration copy", () => {
  it('reads back what was kept, and writes only a change', () => {
    const storage = memoryStorage();
    expect(readCopy(storage)).to.equal(undefined);
    keepCopy(storage, CONFIG);
    keepCopy(storage, CONFIG);
    expect(storage.writes).to.equal(1);
    expect(readCopy(storage)).to.deep.equal(CONFIG);
    keepCopy(storage, { ...CONFIG, broker: '' });
    expect(storage.writes).to.equal(2);
    expect(readCopy(storage)?.broker).to.equal('');
  });

  it('treats junk, a wrong shape and no storage as no copy', () => {
    const storage = memoryStorage();
    storage.setItem(COPY_KEY, '{not json');
    expect(readCopy(storage)).to.equal(undefined);
    storage.setItem(COPY_KEY, JSON.stringify({ launcher: { apiBase: 'https://api.example.com' }, broker: '', hint: '' }));
    expect(readCopy(storage)).to.equal(undefined);
    expect(readCopy(undefined)).to.equal(undefined);
    expect(() => keepCopy(undefined, CONFIG)).not.to.throw();
    const full = { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(() => keepCopy(full, CONFIG)).not.to.throw();
  });

  it("sets the attributes the element builds its configuration from", () => {
    const el = document.createElement('div');
    configureLauncher(el, { ...CONFIG, launcher: { ...CONFIG.launcher, tokenEndpoint: 'https://proxy.example.com/token' } });
    const a = (name: string, fallback = '') => el.getAttribute(name) ?? fallback;
    const attributes: LauncherAttributes = {
      apiBase: a('api-base'),
      clientId: a('client-id'),
      brand: a('brand'),
      tokenEndpoint: a('token-endpoint'),
      persist: a('persist') as LauncherAttributes['persist'],
      sessionMode: a('session', 'bearer') as LauncherAttributes['sessionMode'],
      broker: a('broker'),
      passwordSignIn: a('password-sign-in', 'on') as LauncherAttributes['passwordSignIn'],
      rechatSignIn: a('rechat-sign-in') as LauncherAttributes['rechatSignIn'],
    };
    expect(launcherConfig(attributes)).to.deep.equal({
      apiBase: 'https://api.example.com',
      clientId: 'client-1',
      brand: 'brand-1',
      tokenEndpoint: 'https://proxy.example.com/token',
      persist: 'local',
    });
    expect(attributes.broker).to.equal('https://broker.example.com');
    expect(attributes.rechatSignIn).to.equal('on');
    configureLauncher(el, CONFIG);
    expect(el.getAttribute('token-endpoint')).to.equal('');
  });

  it('leaves unchanged attributes alone, so the element does not start again', () => {
    const el = document.createElement('div');
    configureLauncher(el, CONFIG);
    const changed: string[] = [];
    new MutationObserver((records) => changed.push(...records.map((r) => r.attributeName!))).observe(el, { attributes: true });
    configureLauncher(el, CONFIG);
    configureLauncher(el, { ...CONFIG, launcher: { ...CONFIG.launcher, brand: 'brand-2' } });
    return Promise.resolve().then(() => expect(changed).to.deep.equal(['brand']));
  });
});
