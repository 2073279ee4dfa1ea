// The extension's "Sign in with Rechat" (rechat-sign-in.ts) without an extension API: `launch` plays
// identity.launchWebAuthFlow by signing in on the simulator's page and answering where it redirected;
// the code is exchanged through a real broker's token proxy over the simulator. Run:
// npx wtr --files extension/rechat-sign-in.test.ts
// The same flow runs in Chromium's real sign-in window in test/e2e/extension-rechat-sign-in.test.ts.
import { expect } from '@open-wc/testing';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { OAuthError } from '../core/errors.ts';
import { BROKER_URL, brokerHarness, RECHAT_URL, testBrokerConfig, type BrokerHarness } from '../test/helpers/broker.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import { authorizeUrlFor, RECHAT_AUTHORIZE_URL, signInWithRechat, RechatSignInError } from './rechat-sign-in.ts';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
let h: BrokerHarness;
let client: LauncherClient;

beforeEach(() => {
  const config = testBrokerConfig();
  h = brokerHarness({ config: { ...config, signIn: { redirectUri: `${BROKER_URL}/callback`, extensionRedirectUris: [REDIRECT] } } });
  h.sim.registerRedirectUri(REDIRECT);
  client = new LauncherClient(
    { apiBase: RECHAT_URL, clientId: CLIENT_ID, brand: CHILD_BRAND_ID, tokenEndpoint: `${BROKER_URL}/oauth2/token`, persist: 'none' },
    { fetch: h.fetch, store: memoryStore() },
  );
});

/** Signs in on the simulator's page for the authorization URL; answers the URL it redirects to. */
async function rechatPage(url: string, email: string = USERS.agent.email): Promise<string> {
  const form = new URLSearchParams(new URL(url).searchParams);
  form.set('email', email);
  form.set('password', DEMO_PASSWORD);
  form.set('action', 'sign-in');
  const response = await h.sim.fetch(`${RECHAT_URL}/oauth2/auth`, { method: 'POST', body: form, redirect: 'manual' });
  return response.headers.get('location')!;
}

describe('extension: signInWithRechat', () => {
  it('sends state and an S256 challenge, and signs in with the code through the broker’s proxy', async () => {
    let sent: URL | undefined;
    const status = await signInWithRechat({ client, redirectUrl: REDIRECT, launch: (url) => ((sent = new URL(url)), rechatPage(url)) });
    expect(status).to.equal('signed-in');
    expect(client.session.user?.email).to.equal(USERS.agent.email);
    expect(sent!.origin + sent!.pathname).to.equal(`${RECHAT_URL}/oauth2/auth`);
    expect(sent!.searchParams.get('redirect_uri')).to.equal(REDIRECT);
    expect(sent!.searchParams.get('code_challenge_method')).to.equal('S256');
    expect(sent!.searchParams.get('code_challenge')).to.match(/^[\w-]{43}$/);
    expect(sent!.searchParams.get('state')).to.match(/^[\w-]{43}$/);
    // The code went to the broker, which added the secret; the client never had one.
    expect(h.upstream.filter((call) => call.url.endsWith('/oauth2/token')).length).to.equal(1);
  });

  it('leaves an MFA account at mfa-required', async () => {
    const status = await signInWithRechat({ client, redirectUrl: REDIRECT, launch: (url) => rechatPage(url, USERS.mfaAgent.email) });
    expect(status).to.equal('mfa-required');
  });

  it('refuses a wrong or missing state, an error answer, a cancelled window and another redirect target, and exchanges nothing', async () => {
    const cases: Array<[string, (url: string) => Promise<string>]> = [
      ['invalid-response', async (url) => (await rechatPage(url)).replace(/state=[^&]+/, 'state=forged')],
      ['invalid-response', async (url) => (await rechatPage(url)).replace(/&?state=[^&]+/, '')],
      ['cancelled', async (url) => `${REDIRECT}?error=access_denied&state=${new URL(url).searchParams.get('state')}`],
      ['cancelled', () => Promise.reject(new Error('The user did not approve access.'))],
      ['invalid-response', async (url) => (await rechatPage(url)).replace(REDIRECT, 'https://evil.example/')],
    ];
    for (const [code, launch] of cases) {
      const error = await signInWithRechat({ client, redirectUrl: REDIRECT, launch }).then(() => undefined, (e: unknown) => e);
      expect(error, code).to.be.instanceOf(RechatSignInError);
      expect((error as RechatSignInError).code).to.equal(code);
    }
    expect(h.upstream.filter((call) => call.url.endsWith('/oauth2/token')).length).to.equal(0);
    expect(client.session.state.status).to.equal('signed-out');
  });

  it('a redirect URL not on the broker’s allow-list gets invalid_grant from the proxy', async () => {
    const other = 'https://ponmlkjihgfedcbaponmlkjihgfedcba.chromiumapp.org/';
    h.sim.registerRedirectUri(other);
    const error = await signInWithRechat({ client, redirectUrl: other, launch: (url) => rechatPage(url) }).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(OAuthError);
    expect((error as OAuthError).error).to.equal('invalid_grant');
  });

  it('finds Rechat’s own authorize URL for its API, and the simulator’s for any other', () => {
    expect(authorizeUrlFor('https://api.rechat.com')).to.equal(RECHAT_AUTHORIZE_URL);
    expect(authorizeUrlFor('http://localhost:5173/api/')).to.equal('http://localhost:5173/api/oauth2/auth');
  });
});
