// Tests of the simulator's authorization endpoint and authorization_code grant, in Chromium, through
// its injected fetch. Run: npx wtr demo/simulator/authorize.test.ts
// The remembered browser session ("Continue as") needs real cookies, which a page's Request/Response
// cannot carry (Cookie and Set-Cookie are forbidden headers there): test/e2e/rechat-sign-in.test.ts.
import { expect } from '@open-wc/testing';
import { AUTH_CODE_TTL_MS, CLIENT_ID, CLIENT_SECRET, createSimulator, DEMO_PASSWORD, USERS, type Simulator } from './index.ts';

const BASE = 'http://sim.test/api';
const REDIRECT = 'http://127.0.0.1:5173/broker/callback';
const VERIFIER = 'dBjftJeZ4CVP-mJ92K9ZkmEtP8vbbLmwRHNZ3oVyX5oE0j'; // 46 characters of [A-Za-z0-9-]
let now = Date.UTC(2026, 0, 23, 12);
let sim: Simulator;

beforeEach(() => {
  now = Date.UTC(2026, 0, 23, 12);
  sim = createSimulator({ basePath: '/api', now: () => now });
});

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function authParams(extra: Record<string, string> = {}): Promise<URLSearchParams> {
  return new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    state: 'state-123',
    code_challenge: await s256(VERIFIER),
    code_challenge_method: 'S256',
    ...extra,
  });
}

/** Submits the sign-in form; answers the redirect's URL (or throws with the page). */
async function signInOnPage(params: URLSearchParams, email: string = USERS.agent.email, password = DEMO_PASSWORD): Promise<URL> {
  const form = new URLSearchParams(params);
  form.set('email', email);
  form.set('password', password);
  form.set('action', 'sign-in');
  const response = await sim.fetch(`${BASE}/oauth2/auth`, { method: 'POST', body: form, redirect: 'manual' });
  if (response.status !== 303) throw new Error(`${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location')!);
}

async function exchange(fields: Record<string, string>, encoding: 'form' | 'json' = 'form') {
  const body = { grant_type: 'authorization_code', redirect_uri: REDIRECT, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...fields };
  const response = await sim.fetch(`${BASE}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: encoding === 'form' ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}

describe('simulator: GET /oauth2/auth', () => {
  it('shows a sign-in page with labelled Email and Password fields and a "Sign in" button', async () => {
    const response = await sim.fetch(`${BASE}/oauth2/auth?${await authParams()}`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-security-policy')).to.include("default-src 'none'");
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const labels = [...doc.querySelectorAll('label')].map((label) => label.textContent!.trim());
    expect(labels).to.deep.equal(['Email', 'Password']);
    expect(doc.querySelector('label input[name="email"]')?.getAttribute('type')).to.equal('email');
    expect(doc.querySelector('label input[name="password"]')?.getAttribute('type')).to.equal('password');
    expect(doc.querySelector('button[value="sign-in"]')?.textContent).to.equal('Sign in');
    expect(doc.querySelector('script')).to.equal(null);
    // The request travels on in hidden fields, escaped.
    expect(doc.querySelector<HTMLInputElement>('input[name="state"]')?.value).to.equal('state-123');
  });

  it('refuses an unregistered redirect_uri (exact match) and an unknown client with a page, never a redirect', async () => {
    for (const extra of [
      { redirect_uri: 'https://evil.example/callback' },
      { redirect_uri: `${REDIRECT}/` },
      { redirect_uri: `${REDIRECT}?x=1` },
      { client_id: 'not-a-client' },
    ] as Array<Record<string, string>>) {
      const response = await sim.fetch(`${BASE}/oauth2/auth?${await authParams(extra)}`, { redirect: 'manual' });
      expect(response.status, JSON.stringify(extra)).to.equal(400);
      expect(response.headers.get('location')).to.equal(null);
      expect(await response.text()).to.include('This sign-in link is not valid');
    }
  });

  it('sends other request errors back to the client with the state: plain PKCE, a malformed challenge, another response_type', async () => {
    for (const [extra, error] of [
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge: 'short' }, 'invalid_request'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
    ] as const) {
      const response = await sim.fetch(`${BASE}/oauth2/auth?${await authParams(extra)}`, { redirect: 'manual' });
      expect(response.status).to.equal(303);
      const location = new URL(response.headers.get('location')!);
      expect(location.origin + location.pathname).to.equal(REDIRECT);
      expect(location.searchParams.get('error')).to.equal(error);
      expect(location.searchParams.get('state')).to.equal('state-123');
      expect(location.searchParams.has('code')).to.equal(false);
    }
  });

  it('registers more redirect URIs over the control route, kept across a reset', async () => {
    const other = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
    const reply = await sim.fetch(`${BASE}/__sim/redirect-uris`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uri: other }) });
    expect(reply.status).to.equal(200);
    sim.reset();
    const response = await sim.fetch(`${BASE}/oauth2/auth?${await authParams({ redirect_uri: other })}`);
    expect(response.status).to.equal(200);
    const bad = await sim.fetch(`${BASE}/__sim/redirect-uris`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uri: 'javascript:alert(1)' }) });
    expect(bad.status).to.equal(400);
  });
});

describe('simulator: POST /oauth2/auth and the authorization_code grant', () => {
  it('signs in on the page, redirects with a code and the state, and exchanges it form-encoded', async () => {
    const back = await signInOnPage(await authParams());
    expect(back.origin + back.pathname).to.equal(REDIRECT);
    expect(back.searchParams.get('state')).to.equal('state-123');
    const code = back.searchParams.get('code')!;
    expect(code).to.match(/^[\w-]{43}$/);
    const reply = await exchange({ code, code_verifier: VERIFIER });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    expect(reply.body).to.include({ token_type: 'Bearer', code: 'OK', expires_in: 3600 });
    expect(reply.body.access_token).to.be.a('string');
    expect(reply.body.refresh_token).to.be.a('string');
    expect(reply.body.data.email).to.equal(USERS.agent.email);
    expect(reply.body.brand).to.equal(USERS.agent.memberships[0].brand);
    const me = await sim.fetch(`${BASE}/users/self`, { headers: { authorization: `Bearer ${reply.body.access_token}` } });
    expect(me.status).to.equal(200);
  });

  it('accepts a JSON body too', async () => {
    const code = (await signInOnPage(await authParams())).searchParams.get('code')!;
    expect((await exchange({ code, code_verifier: VERIFIER }, 'json')).status).to.equal(200);
  });

  it('gives an MFA account a pair that is not MFA-validated', async () => {
    const code = (await signInOnPage(await authParams(), USERS.mfaAgent.email)).searchParams.get('code')!;
    const reply = await exchange({ code, code_verifier: VERIFIER });
    expect(reply.status).to.equal(200);
    const me = await sim.fetch(`${BASE}/users/self`, { headers: { authorization: `Bearer ${reply.body.access_token}` } });
    expect(me.status).to.equal(401);
    expect(((await me.json()) as { code: string }).code).to.equal('MFARequired');
  });

  it('keeps the form with a plain error for a wrong password, and issues no code', async () => {
    const form = await authParams();
    form.set('email', USERS.agent.email);
    form.set('password', 'wrong');
    const response = await sim.fetch(`${BASE}/oauth2/auth`, { method: 'POST', body: form, redirect: 'manual' });
    expect(response.status).to.equal(401);
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    expect(doc.querySelector('[role="alert"]')?.textContent).to.equal('Invalid email or password.');
    expect(doc.querySelector<HTMLInputElement>('input[name="email"]')?.value).to.equal(USERS.agent.email);
  });

  it('answers access_denied when the agent cancels', async () => {
    const form = await authParams();
    form.set('action', 'cancel');
    const response = await sim.fetch(`${BASE}/oauth2/auth`, { method: 'POST', body: form, redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).to.equal('access_denied');
    expect(location.searchParams.get('state')).to.equal('state-123');
  });

  it('refuses a code used twice, even after a correct first use', async () => {
    const code = (await signInOnPage(await authParams())).searchParams.get('code')!;
    expect((await exchange({ code, code_verifier: VERIFIER })).status).to.equal(200);
    const second = await exchange({ code, code_verifier: VERIFIER });
    expect(second.status).to.equal(400);
    expect(second.body.error).to.equal('invalid_grant');
  });

  it('refuses a wrong, missing or malformed PKCE verifier, and the code is spent by the attempt', async () => {
    for (const verifier of [`${VERIFIER.slice(0, -1)}x`, undefined, 'short']) {
      const code = (await signInOnPage(await authParams())).searchParams.get('code')!;
      const wrong = await exchange(verifier === undefined ? { code } : { code, code_verifier: verifier });
      expect(wrong.status).to.equal(400);
      expect(wrong.body.error).to.equal('invalid_grant');
      expect((await exchange({ code, code_verifier: VERIFIER })).body.error, 'spent').to.equal('invalid_grant');
    }
  });

  it('refuses another redirect_uri than the request had, an expired code, and a verifier for a code without a challenge', async () => {
    let code = (await signInOnPage(await authParams())).searchParams.get('code')!;
    expect((await exchange({ code, code_verifier: VERIFIER, redirect_uri: 'http://localhost:5173/broker/callback' })).body.error).to.equal('invalid_grant');

    code = (await signInOnPage(await authParams())).searchParams.get('code')!;
    now += AUTH_CODE_TTL_MS;
    expect((await exchange({ code, code_verifier: VERIFIER })).body).to.deep.equal({ error: 'invalid_grant', error_description: 'Authorization code expired' });

    const plain = await authParams();
    plain.delete('code_challenge');
    plain.delete('code_challenge_method');
    code = (await signInOnPage(plain)).searchParams.get('code')!;
    expect((await exchange({ code, code_verifier: VERIFIER })).body.error, 'PKCE downgrade').to.equal('invalid_grant');
    code = (await signInOnPage(plain)).searchParams.get('code')!;
    expect((await exchange({ code })).status, 'no PKCE, as Rechat’s plugin sends it').to.equal(200);
  });

  it('takes the client secret: the code grant is for the confidential client', async () => {
    const code = (await signInOnPage(await authParams())).searchParams.get('code')!;
    const reply = await exchange({ code, code_verifier: VERIFIER, client_secret: 'guess' });
    expect(reply.status).to.equal(401);
    expect(reply.body.error).to.equal('invalid_client');
  });
});
