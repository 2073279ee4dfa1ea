// The element against the real broker's sign-in throttle (issue 9, item 2): the broker's own code, with
// the simulator behind it, as the token endpoint. Run: npx wtr --files components/sign-in-throttle.test.ts
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID } from '../demo/simulator/index.ts';
import { BROKER_URL, RECHAT_URL, brokerHarness } from '../test/helpers/broker.ts';
import './sso-launcher.ts';
import type { SsoLauncher } from './sso-launcher.component.ts';

const field = (root: ShadowRoot, name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const alert = (root: ShadowRoot) => root.querySelector('[role="alert"]')?.textContent ?? '';

describe('<sso-launcher> and the sign-in throttle', () => {
  it('says "Too many attempts. Try again in N minutes." past the limit, and keeps what was typed', async () => {
    // Three failed sign-ins per account, then 15 minutes' wait (the default is ten: fewer steps here).
    const h = brokerHarness({ broker: { limits: { signInPerAccount: { points: 3, durationSeconds: 900, blockSeconds: 900 } } } });
    const client = new LauncherClient(
      { apiBase: RECHAT_URL, clientId: CLIENT_ID, brand: CHILD_BRAND_ID, tokenEndpoint: `${BROKER_URL}/oauth2/token` },
      { fetch: h.fetch, store: memoryStore() },
    );
    const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client}></sso-launcher>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('input[name="email"]'), 'sign-in form');

    const attempt = async (expected: string) => {
      field(root, 'email').value = 'agent@example.com';
      field(root, 'password').value = 'guess';
      const reported = oneEvent(el, 'sso-error'); // one per failed submit: the next one starts after it
      root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      expect((await reported).detail.message).to.equal(expected);
      await waitUntil(() => alert(root) === expected, `alert "${expected}", got "${alert(root)}"`);
      await waitUntil(() => !root.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled, 'form ready again');
    };
    for (let i = 0; i < 3; i++) await attempt('The email or password is not right. Check them and try again.');
    await attempt('Too many attempts. Try again in 15 minutes.');

    expect(field(root, 'email').value).to.equal('agent@example.com');
    expect(field(root, 'password').value).to.equal('guess');
    // The fourth guess never reached Rechat.
    expect(h.upstream.filter((call) => call.url.endsWith('/oauth2/token'))).to.have.length(3);
    await expect(el).to.be.accessible();
  });
});
