/**
 * Languages: how the element picks one, that every bundled table matches English key by key, and that
 * a Spanish launcher shows no English in any state (sign-in, MFA, grid, search, errors, account and MFA
 * settings, chatbots, admin tools).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { TOTP } from 'otpauth';
import { createBroker } from '../broker/index.ts';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { XeniooMessage } from '../core/xenioo.ts';
import { CHILD_BRAND_ID, CLIENT_ID, CLIENT_SECRET, DEMO_PASSWORD, MFA_SECRET, PARENT_BRAND_ID, SEED_APPS, XENIOO_BOTS, createSimulator } from '../demo/simulator/index.ts';
import { MOSAIC_CLIENT_ID, MOSAIC_CLIENT_SECRET, MOSAIC_GROUPS } from '../demo/simulator/mosaic.ts';
import { BROKER_URL, RECHAT_URL, brokerHarness } from '../test/helpers/broker.ts';
import { compareTables, englishFragments, fragmentPatterns } from '../test/helpers/i18n.ts';
import { bundledLanguages, en, langOf, loadMessages, messagesFor, registerMessages } from './messages.ts';
import './locales/en-more.ts'; // the whole English table, to compare the others with
import { adminEn, adminMessagesFor, bundledAdminLanguages, loadAdminMessages } from './sso-launcher-admin.messages.ts';
import './sso-launcher.ts';
import './sso-launcher-admin.ts';
import type { SsoLauncher } from './sso-launcher.component.ts';
import type { SsoLauncherAdmin } from './sso-launcher-admin.component.ts';

// ---- Completeness: every bundled table against English, key by key ------------------------------

describe('message tables', () => {
  it('the comparison itself catches a missing key, an empty value, a dropped parameter and an extra key', () => {
    const broken = { ...en, pin: () => 'Fijar', signOut: ' ', extra: 'x' } as Record<string, unknown>;
    delete broken.account;
    const problems = compareTables(en, broken);
    expect(problems).to.include('account: missing');
    expect(problems).to.include('extra: not in English');
    expect(problems).to.include('signOut: empty');
    expect(problems.some((p) => p.startsWith('pin:'))).to.equal(true);
  });

  for (const lang of Object.keys(bundledLanguages)) {
    it(`${lang}: the launcher's table has every English key, no empty value, the same parameters`, async () => {
      const { messages } = await bundledLanguages[lang]!();
      expect(compareTables(en, messages)).to.deep.equal([]);
    });
  }
  for (const lang of Object.keys(bundledAdminLanguages)) {
    it(`${lang}: the admin tools' table has every English key, no empty value, the same parameters`, async () => {
      const { messages } = await bundledAdminLanguages[lang]!();
      expect(compareTables(adminEn, messages)).to.deep.equal([]);
    });
  }

  it('falls back to English for an unknown language, and to the base language for a region', async () => {
    expect(messagesFor('de').signIn).to.equal('Sign in');
    expect(messagesFor('').signIn).to.equal('Sign in');
    await Promise.all([loadMessages('es-MX'), loadAdminMessages('es-MX')]);
    expect(messagesFor('es-MX').signIn).to.equal('Iniciar sesión');
    expect(messagesFor('ES').signIn).to.equal('Iniciar sesión');
    expect(adminMessagesFor('es-US').save).to.equal('Guardar');
  });

  it("the chatbot errors' English is the core's own wording (core/xenioo.ts XeniooMessage)", () => {
    expect([en.chatbotNotFound, en.chatbotIncomplete, en.chatbotUnavailable]).to.deep.equal([XeniooMessage.NotFound, XeniooMessage.Incomplete, XeniooMessage.Unavailable]);
  });

  it("a host's registerMessages wins over the bundled table", async () => {
    await loadMessages('es');
    registerMessages('es-CL', { signOut: 'Salir' });
    expect(messagesFor('es-CL').signOut).to.equal('Salir');
    expect(messagesFor('es-CL').signIn).to.equal('Iniciar sesión');
    expect(messagesFor('es').signOut).to.equal('Cerrar sesión');
  });
});

// ---- Which language an element is in ----------------------------------------------------------------

describe('langOf', () => {
  afterEach(() => document.documentElement.setAttribute('lang', 'en'));

  it("the element's own lang, else the closest ancestor's, through shadow roots, else <html lang>", async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="es"><section><span id="inner"></span></section><p lang="fr"></p></div>`);
    expect(langOf(outer.querySelector('#inner')!)).to.equal('es');
    expect(langOf(outer.querySelector('p')!)).to.equal('fr');

    const host = document.createElement('div');
    outer.querySelector('section')!.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const deep = document.createElement('b');
    shadow.append(deep);
    expect(langOf(deep)).to.equal('es');
    host.lang = 'en-GB';
    expect(langOf(deep)).to.equal('en-GB');

    const loose = await fixture<HTMLDivElement>(html`<div><i></i></div>`);
    document.documentElement.lang = 'es-MX';
    expect(langOf(loose.querySelector('i')!)).to.equal('es-MX');
  });

  it('an empty lang (the launcher reflects its empty default) does not hide the page language', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="es"><span lang=""></span></div>`);
    expect(langOf(outer.querySelector('span')!)).to.equal('es');
  });
});

// ---- No English left in Spanish ---------------------------------------------------------------------

const ENGLISH = fragmentPatterns(englishFragments([en, adminEn]));

/** Every text node and labelling attribute under `root`, into shadow roots. */
function shownStrings(root: Node, out: string[] = []): string[] {
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement?.localName;
      if (parent !== 'style' && parent !== 'script' && node.textContent!.trim()) out.push(node.textContent!.trim());
      return;
    }
    if (node instanceof Element) {
      for (const name of ['aria-label', 'placeholder', 'title', 'alt', 'aria-description', 'aria-roledescription']) {
        const value = node.getAttribute(name);
        if (value) out.push(value);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return out;
}

/**
 * What the seed data says, in English because a brokerage wrote it so (app, bot and group names, group
 * descriptions): not the launcher's words, so it is taken out of the text before the check. So are URLs.
 */
const DATA = [
  ...SEED_APPS.map((a) => a.name),
  ...XENIOO_BOTS.map((b) => b.name),
  ...MOSAIC_GROUPS.flatMap((g) => [g.name, g.description]),
]
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);
const withoutData = (text: string) => DATA.reduce((t, d) => t.split(d).join(' '), text.replace(/\b[a-z][a-z+.-]*:\/\/\S+/gi, ' '));

/** The English fragments found in what `root` shows, labelled with `state` for the failure message. */
function englishIn(root: Node, state: string): string[] {
  const found: string[] = [];
  for (const text of shownStrings(root).map(withoutData)) for (const { s, re } of ENGLISH) if (re.test(text)) found.push(`${state}: "${s}" in "${text}"`);
  return found;
}

const $ = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => root.querySelector<T>(selector);
const buttonByText = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === text);

describe('Spanish: no English string left in any state', () => {
  afterEach(() => document.documentElement.setAttribute('lang', 'en'));

  it('the fragment check finds English, and finds none in plain Spanish', async () => {
    const el = await fixture(html`<div><p>Iniciar sesión</p><button aria-label="Sign out">x</button><p>Editar</p></div>`);
    expect(englishIn(el, 'probe')).to.deep.equal(['probe: "Sign out" in "Sign out"']);
  });

  it('sign-in, errors, MFA, the grid, search, pins, the account and MFA settings, session expiry', async () => {
    const sim = createSimulator();
    const client = new LauncherClient({ apiBase: 'http://sim.test', clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: sim.fetch, store: memoryStore() });
    const el = await fixture<SsoLauncher>(html`<sso-launcher lang="es" .client=${client}></sso-launcher>`);
    el.addEventListener('click', (e) => {
      if (e.composedPath().some((n) => n instanceof HTMLAnchorElement)) e.preventDefault();
    });
    const root = el.shadowRoot!;
    const found: string[] = [];
    const check = (state: string) => found.push(...englishIn(el, state));

    await waitUntil(() => $(root, 'input[name="email"]'), 'sign-in form');
    expect(buttonByText(root, 'Iniciar sesión')).to.exist;
    expect($(root, '.base')!.getAttribute('lang')).to.equal('es');
    check('sign-in');

    $<HTMLInputElement>(root, 'input[name="email"]')!.value = 'agent@example.com';
    $<HTMLInputElement>(root, 'input[name="password"]')!.value = 'wrong';
    buttonByText(root, 'Iniciar sesión')!.click();
    await waitUntil(() => $(root, '[role="alert"]')?.textContent, 'wrong password');
    expect($(root, '[role="alert"]')!.textContent).to.contain('no son correctos');
    check('wrong password');

    $<HTMLInputElement>(root, 'input[name="email"]')!.value = 'mfa.agent@example.com';
    $<HTMLInputElement>(root, 'input[name="password"]')!.value = DEMO_PASSWORD;
    buttonByText(root, 'Iniciar sesión')!.click();
    await waitUntil(() => $(root, 'input[name="code"]'), 'MFA prompt');
    check('MFA');
    const good = new TOTP({ secret: MFA_SECRET }).generate();
    $<HTMLInputElement>(root, 'input[name="code"]')!.value = good === '000000' ? '111111' : '000000';
    buttonByText(root, 'Verificar')!.click();
    await waitUntil(() => $(root, '[role="alert"]')?.textContent, 'wrong code');
    check('MFA wrong code');
    $<HTMLInputElement>(root, 'input[name="code"]')!.value = '12';
    buttonByText(root, 'Verificar')!.click();
    await waitUntil(() => $(root, '[role="alert"]')?.textContent?.includes('6 dígitos'), 'code shape');
    check('MFA code shape');
    $<HTMLInputElement>(root, 'input[name="code"]')!.value = new TOTP({ secret: MFA_SECRET }).generate();
    buttonByText(root, 'Verificar')!.click();
    await waitUntil(() => root.querySelectorAll('a.tile').length > 0, 'grid');
    check('grid');

    // A pin and a launch: the Pinned, Recently used and All apps headings.
    root.querySelector('a.tile')!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    root.querySelector<HTMLButtonElement>('button.pin')!.click();
    await waitUntil(() => root.querySelectorAll('h3').length >= 2, 'pinned heading');
    root.querySelectorAll<HTMLAnchorElement>('a.tile')[3]!.click();
    await waitUntil(() => root.querySelectorAll('h3').length >= 3, 'recent heading');
    check('grid with pins and recents');

    const search = $<HTMLInputElement>(root, 'input[name="search"]')!;
    search.value = 'doc';
    search.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect($(root, '.count')!.textContent).to.match(/aplicaci/);
    check('search results');
    search.value = 'zzzz';
    search.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect($(root, '.count')!.textContent).to.contain('Ninguna');
    check('search without a match');
    search.value = '';
    search.dispatchEvent(new InputEvent('input'));

    buttonByText(root, 'Cuenta')!.click();
    const mfa = () => $(root, 'sso-mfa-settings')?.shadowRoot;
    await waitUntil(() => mfa()?.querySelector('button'), 'MFA settings');
    check('account, MFA on');
    buttonByText(mfa()!, 'Desactivar la verificación en dos pasos')!.click();
    await waitUntil(() => mfa()!.querySelector('input[name="code"]'), 'turn-off form');
    check('MFA settings, turning off');
    mfa()!.querySelector<HTMLInputElement>('input[name="code"]')!.value = '12';
    mfa()!.querySelector('form')!.requestSubmit();
    await waitUntil(() => mfa()!.querySelector('[role="alert"]'), 'MFA settings error');
    check('MFA settings, error');
    mfa()!.querySelector<HTMLInputElement>('input[name="code"]')!.value = new TOTP({ secret: MFA_SECRET }).generate();
    mfa()!.querySelector('form')!.requestSubmit();
    await waitUntil(() => mfa()!.querySelector('[role="status"]'), 'turned off');
    check('MFA settings, turned off');
    buttonByText(mfa()!, 'Activar la verificación en dos pasos')!.click();
    await waitUntil(() => mfa()!.querySelector('svg.qr'), 'QR code');
    expect(mfa()!.querySelector('svg.qr')!.getAttribute('aria-label')).to.match(/^Código QR de /);
    check('MFA settings, setting up');

    // Apps that fail to load keep the grid, with an alert and "Reintentar".
    sim.faults.inject({ kind: 'status', status: 503, count: 3, match: 'sso_applications' });
    el.client = new LauncherClient(client.config, { fetch: sim.fetch, store: client.store });
    await waitUntil(() => $(root, '[role="alert"]')?.textContent, 'apps error', { timeout: 8000 });
    expect(buttonByText(root, 'Reintentar')).to.exist;
    check('apps error');

    // The session ends mid-use: the sign-in prompt over the grid.
    sim.reset();
    el.client = new LauncherClient(client.config, { fetch: sim.fetch, store: client.store });
    await waitUntil(() => $(root, '.overlay input[name="email"]'), 'sign-in over the grid', { timeout: 8000 });
    expect($(root, '.overlay')!.textContent).to.contain('Su sesión ha caducado');
    check('session expired');

    expect(found).to.deep.equal([]);
  });

  it('a page with <html lang="es">: the chatbots, a failed chatbot launch, the embedding dialog', async () => {
    document.documentElement.lang = 'es';
    const h = brokerHarness();
    const client = new LauncherClient({ apiBase: RECHAT_URL, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: h.fetch, clock: h.clock, store: memoryStore() });
    await client.session.signIn('agent@example.com', DEMO_PASSWORD);
    const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client} broker=${BROKER_URL} embedding></sso-launcher>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelectorAll('button.tile').length === 3, 'chatbot tiles', { timeout: 5000 });
    expect(root.querySelector('.badge')!.textContent).to.equal('Asistente');
    const found = englishIn(el, 'chatbots');
    // Open House Concierge has no SSO package: its launch fails with a message.
    const failing = [...root.querySelectorAll<HTMLButtonElement>('button.tile')].find((b) => b.title === 'Open House Concierge')!;
    failing.click();
    await waitUntil(() => root.querySelector('[role="alert"]')?.textContent, 'chatbot error', { timeout: 5000 });
    expect(root.querySelector('[role="alert"]')!.textContent).to.equal(messagesFor('es').chatbotNotFound);
    found.push(...englishIn(el, 'chatbot error'));
    const listing = [...root.querySelectorAll<HTMLButtonElement>('button.tile')].find((b) => b.title === 'Listing Assistant')!;
    listing.click();
    await waitUntil(() => root.querySelector('dialog.bot'), 'embedding dialog');
    expect(buttonByText(root.querySelector('dialog.bot')!, 'Cerrar')).to.exist;
    found.push(...englishIn(el, 'embedding dialog'));
    buttonByText(root.querySelector('dialog.bot')!, 'Cerrar')!.click();
    expect(found).to.deep.equal([]);
  });

  it('the admin tools inside <div lang="es">: apps, the app form and its errors, a confirmation, the groups and their form', async () => {
    const API = 'https://rechat.sim.test/api';
    const BROKER = 'https://broker.test/broker';
    const sim = createSimulator({ basePath: '/api' });
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const broker = createBroker(
      {
        rechat: { apiBase: API, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
        allowedOrigins: [],
        brands: {},
        mosaic: { apiBase: `${API}/mosaic`, clientId: MOSAIC_CLIENT_ID, clientSecret: MOSAIC_CLIENT_SECRET, adminBrand: PARENT_BRAND_ID },
      },
      { fetch: sim.fetch, basePath: '/broker', logger: silent },
    );
    const fetch: typeof globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return url.startsWith(BROKER) ? broker.handle(new Request(input, init)) : sim.fetch(input, init);
    };
    const client = new LauncherClient({ apiBase: API, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch, store: memoryStore() });
    await client.session.signIn('admin@example.com', DEMO_PASSWORD);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><sso-launcher-admin .client=${client} broker=${BROKER}></sso-launcher-admin></div>`);
    const el = wrapper.querySelector<SsoLauncherAdmin>('sso-launcher-admin')!;
    const root = el.shadowRoot!;
    const found: string[] = [];
    const check = (state: string) => found.push(...englishIn(wrapper, state));

    await waitUntil(() => root.querySelectorAll('li.app').length > 0 && root.querySelectorAll('li.group').length > 0, 'apps and groups', { timeout: 8000 });
    expect($(root, '#apps-title')!.textContent).to.equal('Administrar aplicaciones');
    check('lists');

    buttonByText(root, 'Agregar aplicación')!.click();
    await waitUntil(() => $(root, '#app-name'), 'app form');
    check('add app form');
    root.querySelector<HTMLFormElement>('form.panel')!.requestSubmit();
    await waitUntil(() => $(root, '.field-error'), 'field errors');
    check('app form errors');
    root.querySelector<HTMLInputElement>('input[value="SAML"]')!.click();
    await el.updateComplete;
    root.querySelector<HTMLFormElement>('form.panel')!.requestSubmit();
    await waitUntil(() => $(root, '#app-acs-error'), 'SAML errors');
    check('SAML form errors');
    buttonByText(root, 'Cancelar')!.click();

    const firstDelete = root.querySelector<HTMLButtonElement>('button[data-action="delete"]')!;
    firstDelete.click();
    await waitUntil(() => root.querySelector('dialog[open]'), 'confirmation');
    check('confirmation');
    root.querySelector<HTMLButtonElement>('dialog button[value="cancel"]')!.click();

    buttonByText(root, 'Agregar grupo')!.click();
    await waitUntil(() => $(root, '#group-name'), 'group form');
    check('group form');
    root.querySelector<HTMLFormElement>('form.panel')!.requestSubmit();
    await waitUntil(() => $(root, '.field-error'), 'group errors');
    check('group form errors');
    buttonByText(root, 'Cancelar')!.click();
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('button[aria-controls^="clients-"]')!.click();
    await el.updateComplete;
    check('group clients');

    expect(found).to.deep.equal([]);
  });
});
