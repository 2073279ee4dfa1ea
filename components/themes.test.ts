import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import { RECHAT_URL, brokerHarness } from '../test/helpers/broker.ts';
import { LAUNCHER_STATES, deepAll, launcherIn } from '../test/helpers/launcher-states.ts';
import './sso-launcher-admin.ts';
import type { SsoLauncherAdmin } from './sso-launcher-admin.component.ts';

type Scheme = 'light' | 'dark';

/** Whether a computed colour is dark (relative luminance under 0.2). */
function isDark(color: string): boolean {
  const [r, g, b] = color.match(/[\d.]+/g)!.slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.2;
}

/** The scheme the browser draws an element's native parts in: its `color-scheme`, and the system's preference when it allows both. */
function usedScheme(el: Element): Scheme {
  const value = getComputedStyle(el).colorScheme;
  if (value.includes('dark') && value.includes('light')) return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  return value.includes('dark') ? 'dark' : 'light';
}

/** The background an element is drawn on: its own, or the first ancestor's (through shadow roots) that is not transparent. */
function backgroundOf(el: Element): string {
  for (let node: Element | null = el; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
  }
  return 'rgb(255, 255, 255)';
}

/** The admin form's native controls (radios, checkboxes, the file button) and the scheme each is drawn in, against its form's background. */
function nativeControls(root: Element): Array<{ control: string; scheme: Scheme; onDark: boolean }> {
  return deepAll<HTMLInputElement>(root, 'form.panel input[type="radio"], form.panel input[type="checkbox"], form.panel input[type="file"]').map((input) => ({
    control: `${input.type} ${input.name || input.id}`,
    scheme: usedScheme(input),
    onDark: isDark(backgroundOf(input)),
  }));
}

describe('dark mode', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  const cases: Array<{ system: Scheme; theme: 'auto' | 'light' | 'dark'; expected: Scheme }> = [
    { system: 'light', theme: 'auto', expected: 'light' },
    { system: 'dark', theme: 'auto', expected: 'dark' },
    { system: 'dark', theme: 'light', expected: 'light' },
    { system: 'light', theme: 'dark', expected: 'dark' },
  ];
  for (const { system, theme, expected } of cases) {
    it(`theme="${theme}" on a ${system} system: the launcher, its admin form and the form's native controls are all ${expected}`, async () => {
      await emulateMedia({ colorScheme: system });
      const el = await launcherIn('admin: add an app');
      el.theme = theme;
      await el.updateComplete;
      expect(isDark(backgroundOf(el.shadowRoot!.querySelector('.base')!)), 'the launcher').to.equal(expected === 'dark');
      const form = deepAll(el, 'form.panel')[0]!;
      expect(isDark(backgroundOf(form)), 'the admin form').to.equal(expected === 'dark');
      const controls = nativeControls(el);
      expect(controls.length).to.be.greaterThan(2);
      for (const c of controls) expect(c, c.control).to.deep.equal({ ...c, scheme: expected, onDark: expected === 'dark' });
    });
  }

  it('the admin tools on a page of their own: the scheme around them, or their theme attribute, for colours and native controls alike', async () => {
    const h = brokerHarness();
    const client = new LauncherClient({ apiBase: RECHAT_URL, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: h.fetch, clock: h.clock, store: memoryStore() });
    await client.session.signIn(USERS.admin.email, DEMO_PASSWORD);
    await emulateMedia({ colorScheme: 'dark' });
    // A page in both schemes (the extension's options page says color-scheme: light dark).
    const page = await fixture<HTMLElement>(html`<div style="color-scheme: light dark"><sso-launcher-admin .client=${client}></sso-launcher-admin></div>`);
    const admin = page.querySelector<SsoLauncherAdmin>('sso-launcher-admin')!;
    await waitUntil(() => admin.shadowRoot!.querySelectorAll('li.app').length > 0, 'the apps', { timeout: 5000 });
    admin.shadowRoot!.querySelector<HTMLButtonElement>('#add-app')!.click();
    await waitUntil(() => admin.shadowRoot!.querySelector('form.panel'), 'the form');
    const check = (expected: Scheme) => {
      const heading = admin.shadowRoot!.querySelector('h2')!;
      // The heading "Manage apps" was rgb(27, 31, 36) on rgb(21, 24, 29) on the options page in dark mode.
      expect(isDark(getComputedStyle(heading).color), 'the heading is dark text').to.equal(expected === 'light');
      expect(isDark(backgroundOf(admin.shadowRoot!.querySelector('li.app')!)), 'an app row').to.equal(expected === 'dark');
      for (const c of nativeControls(admin)) expect(c, c.control).to.deep.equal({ ...c, scheme: expected, onDark: expected === 'dark' });
    };
    check('dark');
    admin.theme = 'light';
    await admin.updateComplete;
    check('light');
    await emulateMedia({ colorScheme: 'light' });
    admin.theme = 'dark';
    await admin.updateComplete;
    check('dark');
    admin.theme = 'auto';
    await admin.updateComplete;
    check('light');
  });

  it("inside the launcher, the admin tools take the launcher's colours, a brokerage's overrides included", async () => {
    const el = await launcherIn('admin tools');
    el.style.setProperty('--sso-accent', 'rgb(1, 2, 3)');
    const add = deepAll(el, '#add-app')[0]!;
    expect(getComputedStyle(add).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});

describe('colour contrast (axe), light and dark', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  for (const scheme of ['light', 'dark'] as const) {
    for (const state of LAUNCHER_STATES) {
      it(`${scheme}: ${state}`, async () => {
        await emulateMedia({ colorScheme: scheme });
        const el = await launcherIn(state);
        expect(isDark(backgroundOf(el.shadowRoot!.querySelector('.base')!))).to.equal(scheme === 'dark');
        await expect(el).to.be.accessible();
      });
    }
  }

  it('theme="dark" on a light system, and theme="light" on a dark one: the admin tools and their form', async () => {
    const el = await launcherIn('admin: add an app');
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    el.theme = 'light';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
