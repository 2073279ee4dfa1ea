// The broker's Mosaic admin routes (broker/admin.ts), in Chromium, with the local API simulator
// (Rechat and Mosaic) as the broker's injected fetch. Run: npx wtr --files broker/admin.test.ts
import { expect } from '@open-wc/testing';
import { parseBrokerConfig, type BrokerConfig } from './index.ts';
import { configFromEnv, configSecrets } from './config.ts';
import { brokerHarness, testBrokerConfig, type BrokerHarness } from '../test/helpers/broker.ts';
import { CLIENT_ID, DEMO_PASSWORD, PARENT_BRAND_ID, USERS } from '../test/helpers/core.ts';
import {
  MOSAIC_AGENT_GROUP_ID,
  MOSAIC_BACK_OFFICE_GROUP_ID,
  MOSAIC_CLIENT_ID,
  MOSAIC_CLIENT_SECRET,
  MOSAIC_GROUPS,
  MOSAIC_LIMITED_CLIENT_ID,
  MOSAIC_LIMITED_CLIENT_SECRET,
} from '../demo/simulator/index.ts';

const GROUPS = '/admin/mosaic/groups';
const MOSAIC_URL = 'https://rechat.sim.test/api/mosaic';

function config(mosaic: Partial<NonNullable<BrokerConfig['mosaic']>> | null = {}): BrokerConfig {
  const base = testBrokerConfig();
  if (mosaic === null) return base;
  return { ...base, mosaic: { apiBase: MOSAIC_URL, clientId: MOSAIC_CLIENT_ID, clientSecret: MOSAIC_CLIENT_SECRET, adminBrand: PARENT_BRAND_ID, ...mosaic } };
}

let h: BrokerHarness;
async function accessToken(user: keyof typeof USERS): Promise<string> {
  const response = await h.sim.fetch('https://rechat.sim.test/api/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', client_id: CLIENT_ID, username: USERS[user].email, password: DEMO_PASSWORD }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const mosaicCalls = () => h.upstream.filter((c) => c.url.startsWith(MOSAIC_URL));
const tokenRequests = () => h.upstream.filter((c) => c.url === `${MOSAIC_URL}/oidc/token`).length;
const group = (name: string) => ({
  name,
  description: 'Made by the tests',
  configuration: { journey: 'j', allowSilentLogin: true, sessionTimeout: 3, sessionTimeoutGranularity: 'hours' },
});

describe('broker: Mosaic admin routes', () => {
  beforeEach(() => {
    h = brokerHarness({ config: config() });
  });

  afterEach(() => {
    // Neither the management secret, nor a management token, nor a client's secret ever leaves the broker.
    const everything = h.output();
    expect(everything.includes(MOSAIC_CLIENT_SECRET), 'the management secret leaked').to.equal(false);
    expect(everything.includes(MOSAIC_LIMITED_CLIENT_SECRET), 'the management secret leaked').to.equal(false);
    expect(/mosaic-[0-9a-f]{8}-/.test(everything), 'a management token leaked').to.equal(false);
    expect(everything.includes('secret-of-'), "a client's secret leaked").to.equal(false);
  });

  it('refuses a caller without a valid Rechat token (401) and an agent (403), before calling Mosaic', async () => {
    expect((await h.call('GET', GROUPS)).status).to.equal(401);
    expect((await h.call('GET', GROUPS, { token: 'forged' })).status).to.equal(401);
    const agent = await h.call('GET', GROUPS, { token: await accessToken('agent') });
    expect(agent.status).to.equal(403);
    expect(agent.body).to.deep.equal({ http: 403, code: 'Forbidden', message: 'Only brokerage admins may manage SSO clients groups.' });
    expect(mosaicCalls()).to.have.length(0);
  });

  it("an admin lists the groups with their clients, without the clients' secrets", async () => {
    const reply = await h.call('GET', GROUPS, { token: await accessToken('admin') });
    expect(reply.status).to.equal(200);
    expect(reply.headers.get('cache-control')).to.equal('no-store');
    expect(reply.body.result.map((g: { name: string }) => g.name)).to.deep.equal(MOSAIC_GROUPS.map((g) => g.name));
    expect(reply.body.result[0].clients[0]).to.include({ client_id: 'c1a2b3c4d5e6f7a8b9c0', name: 'Rechat CRM' });
    const one = await h.call('GET', `${GROUPS}/${MOSAIC_BACK_OFFICE_GROUP_ID}`, { token: await accessToken('admin') });
    expect(one.body.result.name).to.equal('Back office');
  });

  it('uses one management token for the hour, and a new one a minute before it ends', async () => {
    const token = await accessToken('admin');
    for (let i = 0; i < 3; i++) expect((await h.call('GET', GROUPS, { token })).status).to.equal(200);
    expect(tokenRequests()).to.equal(1);
    const form = h.upstream.find((c) => c.url === `${MOSAIC_URL}/oidc/token`)!;
    expect(form.method).to.equal('POST');
    h.clock.advance(59 * 60_000 + 1);
    expect((await h.call('GET', GROUPS, { token: await accessToken('admin') })).status).to.equal(200);
    expect(tokenRequests()).to.equal(2);
  });

  it('creates, updates and deletes a group; a 400 names the field and Mosaic is not called', async () => {
    const token = await accessToken('admin');
    const created = await h.call('POST', GROUPS, { token, body: group('Listing tools') });
    expect(created.status).to.equal(200);
    const id = created.body.result.id as string;
    expect(created.body.result).to.include({ name: 'Listing tools' });

    const updated = await h.call('PUT', `${GROUPS}/${id}`, { token, body: { ...group('Listing tools'), name: 'Listings' } });
    expect([updated.status, updated.body]).to.deep.equal([200, {}]);
    expect((await h.call('GET', `${GROUPS}/${id}`, { token })).body.result.name).to.equal('Listings');

    expect((await h.call('DELETE', `${GROUPS}/${id}`, { token })).status).to.equal(200);
    const gone = await h.call('GET', `${GROUPS}/${id}`, { token });
    expect([gone.status, gone.body]).to.deep.equal([404, { message: 'SSO Service Not Found', error_code: 404 }]);

    const before = mosaicCalls().length;
    const invalid = await h.call('POST', GROUPS, { token, body: { ...group('x'), configuration: { sessionTimeout: 0 } } });
    expect([invalid.status, invalid.body.code, invalid.body.message]).to.deep.equal([400, 'Validation', 'configuration.sessionTimeout: must be a whole number, at least 1']);
    expect(mosaicCalls().length).to.equal(before);
  });

  it("passes on Mosaic's 403 naming the missing permission", async () => {
    h = brokerHarness({ config: config({ clientId: MOSAIC_LIMITED_CLIENT_ID, clientSecret: MOSAIC_LIMITED_CLIENT_SECRET }) });
    const reply = await h.call('DELETE', `${GROUPS}/${MOSAIC_AGENT_GROUP_ID}`, { token: await accessToken('admin') });
    expect([reply.status, reply.body]).to.deep.equal([403, { message: 'Forbidden: missing permission sso-service:delete', error_code: 403 }]);
  });

  it('refused management credentials are a 502 MosaicCredentials, never a 401 (that would sign the agent out)', async () => {
    h = brokerHarness({ config: config({ clientSecret: 'not-the-secret' }) });
    const reply = await h.call('GET', GROUPS, { token: await accessToken('admin') });
    expect([reply.status, reply.body.code]).to.deep.equal([502, 'MosaicCredentials']);
    expect(h.logs.some((line) => line.startsWith('error: mosaic: list groups: the management credentials were refused'))).to.equal(true);
    expect(h.logs.join('\n')).not.to.contain('not-the-secret');
  });

  it('Mosaic down: a 502 the agent can retry', async () => {
    h.sim.faults.inject({ kind: 'status', status: 503, count: 5, match: '/mosaic/cis/' });
    const reply = await h.call('GET', GROUPS, { token: await accessToken('admin') });
    expect([reply.status, reply.body.code]).to.deep.equal([502, 'UpstreamUnavailable']);
  });

  it('without a mosaic section, there are no admin routes', async () => {
    h = brokerHarness({ config: config(null) });
    const reply = await h.call('GET', GROUPS, { token: await accessToken('admin') });
    expect([reply.status, reply.body.code]).to.deep.equal([404, 'ResourceNotFound']);
  });

  describe('configuration', () => {
    it('checks the mosaic section and counts its secret among the secrets', () => {
      expect(() => parseBrokerConfig({ ...config(), mosaic: { clientId: '', clientSecret: '', adminBrand: '', apiBase: 'ftp://x' } })).to.throw(
        /mosaic\.apiBase: must be an absolute http\(s\) URL[\s\S]*mosaic\.clientId: required[\s\S]*mosaic\.clientSecret: required[\s\S]*mosaic\.adminBrand: required/,
      );
      expect(configSecrets(config())).to.include(MOSAIC_CLIENT_SECRET);
    });

    it('reads MOSAIC_* from the environment, naming the variables in errors', () => {
      const env = {
        RECHAT_API_BASE: 'https://api.rechat.example',
        RECHAT_CLIENT_ID: 'c',
        RECHAT_CLIENT_SECRET: 's3cret',
        BROKER_ALLOWED_ORIGINS: 'https://intranet.example',
        MOSAIC_CLIENT_ID: 'm',
        MOSAIC_CLIENT_SECRET: 'ms3cret',
        MOSAIC_ADMIN_BRAND: PARENT_BRAND_ID,
      };
      expect(configFromEnv(env).mosaic).to.deep.equal({ clientId: 'm', clientSecret: 'ms3cret', adminBrand: PARENT_BRAND_ID });
      expect(() => configFromEnv({ ...env, MOSAIC_ADMIN_BRAND: '' })).to.throw(/MOSAIC_ADMIN_BRAND: required/);
    });
  });
});
