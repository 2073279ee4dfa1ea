import { expect } from '@open-wc/testing';
import { AccessSection } from './options-access.ts';
import { OPTIONAL_HOST_PERMISSIONS, hostPattern, neededHosts } from './host-permissions.ts';
import { DEMO_SETTINGS, SETTING_SCHEMAS, validateField } from './settings.ts';

describe('host permissions', () => {
  it('a URL needs its scheme and host, any port and path', () => {
    expect(hostPattern('http://127.0.0.1:5173/broker/oauth2/token')).to.equal('http://127.0.0.1/*');
    expect(hostPattern('https://api.rechat.com')).to.equal('https://api.rechat.com/*');
    expect(hostPattern('')).to.equal(undefined);
    expect(hostPattern('ftp://files.example.com/')).to.equal(undefined);
  });

  it('the configured API, token endpoint and broker: each host once, named with its port', () => {
    expect(
      neededHosts({ apiBase: 'http://127.0.0.1:5173/api', tokenEndpoint: 'http://127.0.0.1:5173/broker/oauth2/token', broker: 'https://sso.example.com/broker' }),
    ).to.deep.equal([
      { host: '127.0.0.1:5173', pattern: 'http://127.0.0.1/*' },
      { host: 'sso.example.com', pattern: 'https://sso.example.com/*' },
    ]);
    expect(neededHosts({ apiBase: DEMO_SETTINGS.apiBase })).to.deep.equal([{ host: 'localhost:5173', pattern: 'http://localhost/*' }]);
  });

  it('every URL the settings accept can be asked for: the manifest lists a pattern that covers it', () => {
    const covered = (pattern: string) =>
      OPTIONAL_HOST_PERMISSIONS.some((allowed) => {
        const [scheme, host] = allowed.split(/:\/\/|\//);
        const [wantScheme, wantHost] = pattern.split(/:\/\/|\//);
        return scheme === wantScheme && (host === '*' || host === wantHost || (host!.startsWith('*.') && wantHost!.endsWith(host!.slice(1))));
      });
    for (const url of ['https://api.rechat.com', 'http://localhost:5173/api', 'http://127.0.0.1:1/x', 'http://demo.localhost/api']) {
      expect(validateField('apiBase', url).ok, url).to.equal(true);
      expect(covered(hostPattern(url)!), url).to.equal(true);
    }
    // What the settings refuse is not in the manifest either: no http:// host on the network.
    expect(validateField('apiBase', 'http://api.example.com').ok).to.equal(false);
    expect(covered(hostPattern('http://api.example.com')!)).to.equal(false);
    expect(Object.keys(SETTING_SCHEMAS)).to.include.members(['apiBase', 'tokenEndpoint', 'broker']);
  });
});

describe('the options page’s Access section', () => {
  let root: HTMLElement;
  beforeEach(async () => {
    const markup = await (await fetch(new URL('./options.html', import.meta.url))).text();
    const doc = new DOMParser().parseFromString(markup, 'text/html');
    root = document.createElement('div');
    root.append(document.importNode(doc.querySelector('main')!, true));
    document.body.append(root);
  });
  afterEach(() => root.remove());

  const buttons = () => [...root.querySelectorAll('#access-list button')].map((b) => b.textContent);
  const section = () => root.querySelector<HTMLElement>('#access-section')!;

  it('shows "Allow access to <host>" for each host not allowed, and hides when all are', async () => {
    const granted = new Set(['https://sso.example.com/*']);
    const access = new AccessSection(root, { has: async (p) => granted.has(p), request: async () => false, granted: () => undefined });
    const missing = await access.update({ apiBase: 'https://api.rechat.com', broker: 'https://sso.example.com/broker' });
    expect(missing.map((m) => m.host)).to.deep.equal(['api.rechat.com']);
    expect(buttons()).to.deep.equal(['Allow access to api.rechat.com']);
    expect(section().hidden).to.equal(false);
    granted.add('https://api.rechat.com/*');
    await access.update();
    expect(buttons()).to.deep.equal([]);
    expect(section().hidden).to.equal(true);
  });

  it('asks inside the click, for that host only; a grant removes the button and tells the page', async () => {
    const granted = new Set<string>();
    const asked: string[][] = [];
    let calledInsideClick = false;
    let told = 0;
    let inClick = false;
    const access = new AccessSection(root, {
      has: async (p) => granted.has(p),
      request: async (patterns) => {
        calledInsideClick = inClick;
        asked.push(patterns);
        patterns.forEach((p) => granted.add(p));
        return true;
      },
      granted: () => told++,
    });
    await access.update({ apiBase: 'http://127.0.0.1:5173/api' });
    const button = root.querySelector<HTMLButtonElement>('#access-list button')!;
    button.addEventListener('click', () => (inClick = true), { capture: true });
    button.click();
    inClick = false;
    expect(calledInsideClick, 'the request is made synchronously in the click').to.equal(true);
    expect(asked).to.deep.equal([['http://127.0.0.1/*']]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(buttons()).to.deep.equal([]);
    expect(told).to.equal(1);
  });

  it('a refused or failed request keeps the button', async () => {
    const access = new AccessSection(root, { has: async () => false, request: async () => Promise.reject(new Error('prompt closed')), granted: () => undefined });
    await access.update({ apiBase: 'https://api.rechat.com' });
    root.querySelector<HTMLButtonElement>('#access-list button')!.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(buttons()).to.deep.equal(['Allow access to api.rechat.com']);
  });
});
