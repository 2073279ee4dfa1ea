import { expect } from '@open-wc/testing';
import {
  MOSAIC_AGENT_GROUP_ID,
  MOSAIC_CLIENT_ID,
  MOSAIC_CLIENT_SECRET,
  MOSAIC_GROUPS,
  MOSAIC_LIMITED_CLIENT_ID,
  MOSAIC_LIMITED_CLIENT_SECRET,
  createSimulator,
  type Simulator,
} from './index.ts';

const BASE = 'http://sim.test/api/mosaic';
const GROUPS = `${BASE}/cis/v1/sso-service/sso-group`;

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function token(sim: Simulator, clientId = MOSAIC_CLIENT_ID, secret = MOSAIC_CLIENT_SECRET): Promise<string> {
  const response = await sim.fetch(`${BASE}/oidc/token`, form({ client_id: clientId, client_secret: secret, grant_type: 'client_credentials' }));
  expect(response.status).to.equal(200);
  const body = await response.json();
  expect(body).to.include({ token_type: 'Bearer', expires_in: 3600 });
  return body.access_token;
}

const call = (sim: Simulator, bearer: string, path = '', init: RequestInit = {}) =>
  sim.fetch(`${GROUPS}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...init.headers } });

const group = { name: 'New', description: 'd', configuration: { journey: 'j', allowSilentLogin: false, sessionTimeout: 10, sessionTimeoutGranularity: 'minutes' } };

describe('simulator: Mosaic SSO clients groups (mounted at <basePath>/mosaic)', () => {
  let sim: Simulator;
  let now: number;
  beforeEach(() => {
    now = Date.UTC(2026, 0, 23);
    sim = createSimulator({ basePath: '/api', now: () => now });
  });

  it('token endpoint: client credentials, form-encoded; RFC 6749 errors otherwise', async () => {
    await token(sim);
    const answer = async (init: RequestInit) => {
      const response = await sim.fetch(`${BASE}/oidc/token`, init);
      return [response.status, (await response.json()).error];
    };
    expect(await answer(form({ client_id: MOSAIC_CLIENT_ID, client_secret: 'nope', grant_type: 'client_credentials' }))).to.deep.equal([401, 'invalid_client']);
    expect(await answer(form({ client_id: MOSAIC_CLIENT_ID, client_secret: MOSAIC_CLIENT_SECRET, grant_type: 'password' }))).to.deep.equal([400, 'unsupported_grant_type']);
    expect(
      await answer({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: MOSAIC_CLIENT_ID, client_secret: MOSAIC_CLIENT_SECRET, grant_type: 'client_credentials' }) }),
    ).to.deep.equal([400, 'invalid_request']);
  });

  it('answers {result} with the seeded groups and their clients; 401 without a valid token, also after an hour', async () => {
    const bearer = await token(sim);
    const list = await (await call(sim, bearer)).json();
    expect(list.result.map((g: { name: string }) => g.name)).to.deep.equal(MOSAIC_GROUPS.map((g) => g.name));
    expect(list.result[0].clients[0]).to.include({ name: 'Rechat CRM', authentication_protocol: 'oidc' });
    const one = await (await call(sim, bearer, `/${MOSAIC_AGENT_GROUP_ID}`)).json();
    expect(one.result.id).to.equal(MOSAIC_AGENT_GROUP_ID);

    const unauthorised = await call(sim, 'forged');
    expect(unauthorised.status).to.equal(401);
    expect(await unauthorised.json()).to.deep.equal({ message: 'Unauthorized', error_code: 401 });
    now += 3600_000;
    expect((await call(sim, bearer)).status).to.equal(401);
  });

  it('create, update, delete; 404 "SSO Service Not Found"; 400 naming the field', async () => {
    const bearer = await token(sim);
    const created = (await (await call(sim, bearer, '', { method: 'POST', body: JSON.stringify(group) })).json()).result;
    expect(created).to.include({ name: 'New', description: 'd' });
    expect(created.clients).to.deep.equal([]);
    const updated = await call(sim, bearer, `/${created.id}`, { method: 'PUT', body: JSON.stringify({ ...group, name: 'Renamed' }) });
    expect([updated.status, await updated.json()]).to.deep.equal([200, {}]);
    expect((await (await call(sim, bearer, `/${created.id}`)).json()).result.name).to.equal('Renamed');
    expect((await call(sim, bearer, `/${created.id}`, { method: 'DELETE' })).status).to.equal(200);
    const missing = await call(sim, bearer, `/${created.id}`);
    expect([missing.status, await missing.json()]).to.deep.equal([404, { message: 'SSO Service Not Found', error_code: 404 }]);

    const bad = await call(sim, bearer, '', { method: 'POST', body: JSON.stringify({ ...group, configuration: { ...group.configuration, sessionTimeoutGranularity: 'months' } }) });
    expect(bad.status).to.equal(400);
    expect((await bad.json()).message).to.match(/^configuration\.sessionTimeoutGranularity: /);
  });

  it('a client without sso-service:delete gets a 403 naming it', async () => {
    const bearer = await token(sim, MOSAIC_LIMITED_CLIENT_ID, MOSAIC_LIMITED_CLIENT_SECRET);
    expect((await call(sim, bearer)).status).to.equal(200);
    const refused = await call(sim, bearer, `/${MOSAIC_AGENT_GROUP_ID}`, { method: 'DELETE' });
    expect([refused.status, await refused.json()]).to.deep.equal([403, { message: 'Forbidden: missing permission sso-service:delete', error_code: 403 }]);
  });

  it('reset brings the seed back and drops tokens; expireAllAccessTokens expires Mosaic tokens too', async () => {
    let bearer = await token(sim);
    await call(sim, bearer, `/${MOSAIC_AGENT_GROUP_ID}`, { method: 'DELETE' });
    sim.expireAllAccessTokens();
    expect((await call(sim, bearer)).status).to.equal(401);
    sim.reset();
    bearer = await token(sim);
    expect((await (await call(sim, bearer)).json()).result).to.have.length(MOSAIC_GROUPS.length);
  });
});
