/**
 * `<sso-launcher>` brought into each state an agent or an admin can see, for the tests that check every
 * state the same way (no sideways scrolling at 320, 380 and 1280 px; colour contrast in light and dark).
 * The launcher talks to the simulator through the token broker (chatbots, Mosaic groups); nothing
 * reaches the network.
 * @module
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { LauncherClient } from '../../core/launcher.ts';
import { memoryStore } from '../../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, PARENT_BRAND_ID, USERS } from '../../demo/simulator/index.ts';
import { MOSAIC_CLIENT_ID, MOSAIC_CLIENT_SECRET } from '../../demo/simulator/mosaic.ts';
import '../../components/sso-launcher.ts';
import type { SsoLauncher } from '../../components/sso-launcher.component.ts';
import { BROKER_URL, RECHAT_URL, brokerHarness, testBrokerConfig } from './broker.ts';

/** Every state {@link launcherIn} can bring the launcher into. */
export const LAUNCHER_STATES = [
  'signed out',
  'sign-in error',
  'verification code',
  'apps and chatbots',
  'account',
  'admin tools',
  'admin: add an app',
  'admin: edit a SAML app',
  'admin: add a group',
] as const;
export type LauncherState = (typeof LAUNCHER_STATES)[number];

const WAIT = { timeout: 5000 };

/** Every shadow root under `root`, `root` included (the admin tools and the MFA settings have their own). */
export function shadowRoots(root: ShadowRoot): ShadowRoot[] {
  const found = [root];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...shadowRoots(el.shadowRoot));
  return found;
}

/** Elements matching `selector` in every shadow root under the element. */
export function deepAll<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return shadowRoots(el.shadowRoot!).flatMap((root) => [...root.querySelectorAll<T>(selector)]);
}

/** The button whose visible text (or aria-label) is `name`, in any shadow root under the element. */
export function deepButton(el: Element, name: string): HTMLButtonElement {
  const found = deepAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === name || b.getAttribute('aria-label') === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

function input(el: SsoLauncher, name: string): HTMLInputElement {
  return el.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
}

async function submitSignIn(el: SsoLauncher, email: string, password: string): Promise<void> {
  await waitUntil(() => input(el, 'email'), 'the sign-in form', WAIT);
  input(el, 'email').value = email;
  input(el, 'password').value = password;
  deepButton(el, 'Sign in').click();
}

/** A fresh launcher in `state`, in a fixture (removed after the test). */
export async function launcherIn(state: LauncherState): Promise<SsoLauncher> {
  const mosaic = { apiBase: `${RECHAT_URL}/mosaic`, clientId: MOSAIC_CLIENT_ID, clientSecret: MOSAIC_CLIENT_SECRET, adminBrand: PARENT_BRAND_ID };
  const h = brokerHarness({ config: { ...testBrokerConfig(), mosaic } });
  const client = new LauncherClient({ apiBase: RECHAT_URL, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: h.fetch, clock: h.clock, store: memoryStore() });
  const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client} broker=${BROKER_URL}></sso-launcher>`);
  const root = el.shadowRoot!;
  const settled = async () => {
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  };

  if (state === 'signed out') {
    await waitUntil(() => input(el, 'email'), 'the sign-in form', WAIT);
  } else if (state === 'sign-in error') {
    await submitSignIn(el, USERS.agent.email, 'not the password');
    await waitUntil(() => root.querySelector('[role="alert"]')?.textContent?.trim(), 'the alert', WAIT);
  } else if (state === 'verification code') {
    await submitSignIn(el, USERS.mfaAgent.email, DEMO_PASSWORD);
    await waitUntil(() => input(el, 'code'), 'the code prompt', WAIT);
  } else if (state === 'apps and chatbots' || state === 'account') {
    await submitSignIn(el, USERS.agent.email, DEMO_PASSWORD);
    await waitUntil(() => root.querySelectorAll('a.tile').length > 0 && root.querySelectorAll('button.tile').length > 0, 'apps and chatbots', WAIT);
    if (state === 'account') {
      deepButton(el, 'Account').click();
      await waitUntil(() => deepAll(el, 'sso-mfa-settings').some((m) => m.shadowRoot?.querySelector('button')), 'the account panel', WAIT);
    }
  } else {
    await submitSignIn(el, USERS.admin.email, DEMO_PASSWORD);
    await waitUntil(() => deepAll(el, '.header button').some((b) => b.textContent!.trim() === 'Manage apps'), '"Manage apps"', WAIT);
    deepButton(el, 'Manage apps').click();
    await waitUntil(() => deepAll(el, 'li.app').length > 0 && deepAll(el, 'li.group').length > 0, 'the apps and groups of the admin tools', WAIT);
    if (state === 'admin: add an app') {
      deepButton(el, 'Add app').click();
      await waitUntil(() => deepAll(el, '#app-name').length > 0, 'the app form', WAIT);
    } else if (state === 'admin: edit a SAML app') {
      deepButton(el, 'Edit MLS Matrix').click();
      await waitUntil(() => deepAll(el, '#app-acs').length > 0 || deepAll(el, 'input[name="acs_url"]').length > 0, 'the SAML fields', WAIT);
    } else if (state === 'admin: add a group') {
      deepButton(el, 'Add group').click();
      await waitUntil(() => deepAll(el, '#group-name').length > 0, 'the group form', WAIT);
    }
  }
  await settled();
  return el;
}
