import { expect } from '@open-wc/testing';
import { ErrorCode, HttpError, ValidationError, isSsoError, serializeError } from './errors.ts';
import {
  MosaicError,
  checkGroupInput,
  createMosaicClient,
  isMosaicError,
  mosaicViaBroker,
  toMosaicError,
  type MosaicGroupInput,
} from './mosaic.ts';
import type { AuthorizedApi } from './session.ts';
import type { RequestOptions } from './http.ts';
import { rejection } from '../test/helpers/assert.ts';
import { fakeClock, type FakeClock } from '../test/helpers/clock.ts';
import { recordingFetch, type SentCall } from '../test/helpers/core.ts';
import {
  MOSAIC_AGENT_GROUP_ID,
  MOSAIC_CLIENT_ID,
  MOSAIC_CLIENT_SECRET,
  MOSAIC_GROUPS,
  MOSAIC_LIMITED_CLIENT_ID,
  MOSAIC_LIMITED_CLIENT_SECRET,
  createMosaicSimulator,
  type MosaicSimulator,
} from '../demo/simulator/mosaic.ts';

const API = 'https://mosaic.sim.test';

const group = (name: string, extra: Partial<MosaicGroupInput['configuration']> = {}): MosaicGroupInput => ({
  name,
  description: 'For the tests',
  configuration: { journey: 'test_journey', allowSilentLogin: false, sessionTimeout: 15, sessionTimeoutGranularity: 'minutes', ...extra },
});

interface Setup {
  sim: MosaicSimulator;
  clock: FakeClock;
  calls: SentCall[];
  mosaic: ReturnType<typeof createMosaicClient>;
}

function setup(credentials: { clientId: string; clientSecret: string } = { clientId: MOSAIC_CLIENT_ID, clientSecret: MOSAIC_CLIENT_SECRET }): Setup {
  const clock = fakeClock();
  const sim = createMosaicSimulator({ basePath: '', now: clock.now });
  const calls: SentCall[] = [];
  const simFetch = ((input: RequestInfo | URL, init?: RequestInit) => sim.handle(new Request(input, init))) as typeof fetch;
  const mosaic = createMosaicClient({ apiBase: API, ...credentials, fetch: recordingFetch(simFetch, calls), clock });
  return { sim, clock, calls, mosaic };
}

const tokenCalls = (calls: SentCall[]) => calls.filter((c) => c.url.endsWith('/oidc/token')).length;

describe('Mosaic SSO clients groups', () => {
  describe('checkGroupInput', () => {
    it('answers the group trimmed, with defaults for the optional fields', () => {
      expect(
        checkGroupInput({ name: '  Agents ', configuration: { sessionTimeout: 8, sessionTimeoutGranularity: 'hours' } }),
      ).to.deep.equal({
        name: 'Agents',
        description: '',
        configuration: { journey: '', allowSilentLogin: false, sessionTimeout: 8, sessionTimeoutGranularity: 'hours' },
      });
    });

    it('lists every problem with the path of its field', () => {
      const error = (() => {
        try {
          checkGroupInput({ name: ' ', description: 4, configuration: { journey: 1, allowSilentLogin: 'yes', sessionTimeout: 0.5, sessionTimeoutGranularity: 'months' } });
        } catch (e) {
          return e;
        }
        throw new Error('expected a ValidationError');
      })() as ValidationError;
      expect(error).to.be.instanceOf(ValidationError);
      expect(error.issues.map((i) => i.path)).to.deep.equal([
        'name',
        'description',
        'configuration.journey',
        'configuration.allowSilentLogin',
        'configuration.sessionTimeout',
        'configuration.sessionTimeoutGranularity',
      ]);
      expect(error.message).to.equal('Invalid SSO clients group: name: required (and 5 more)');
      expect(() => checkGroupInput({ ...group('x'), name: 'n'.repeat(101) })).to.throw(ValidationError, 'name: at most 100 characters');
      expect(() => checkGroupInput(undefined)).to.throw(ValidationError);
    });

    it('is checked before any request; ids must be non-empty strings', async () => {
      const { mosaic, calls } = setup();
      expect(await rejection(mosaic.createGroup({ ...group('x'), name: '' }))).to.be.instanceOf(ValidationError);
      expect(await rejection(mosaic.updateGroup('g', { ...group('x'), configuration: { ...group('x').configuration, sessionTimeout: 0 } }))).to.be.instanceOf(ValidationError);
      expect(await rejection(mosaic.getGroup(''))).to.be.instanceOf(TypeError).with.property('message', '"groupId" must be a non-empty string');
      expect(calls).to.have.length(0);
    });
  });

  describe('the management token', () => {
    it('is asked for with form-encoded client credentials, and never retried', async () => {
      const { mosaic, calls } = setup();
      await mosaic.listGroups();
      const token = calls[0]!;
      expect(token.url).to.equal(`${API}/oidc/token`);
      expect(token.method).to.equal('POST');
      expect(token.body).to.equal('[binary]');
      expect(calls[1]!.url).to.equal(`${API}/cis/v1/sso-service/sso-group`);
      expect(calls[1]!.headers.authorization).to.match(/^Bearer mosaic-/);
    });

    it('is cached for its hour less a minute, and shared by concurrent calls', async () => {
      const { mosaic, calls, clock } = setup();
      await Promise.all([mosaic.listGroups(), mosaic.getGroup(MOSAIC_AGENT_GROUP_ID), mosaic.listGroups()]);
      expect(tokenCalls(calls)).to.equal(1);
      clock.advance(58 * 60_000);
      await mosaic.listGroups();
      expect(tokenCalls(calls)).to.equal(1);
      clock.advance(60_000 + 1);
      await mosaic.listGroups();
      expect(tokenCalls(calls)).to.equal(2);
    });

    it('is renewed once when Mosaic answers 401 for a token we thought valid', async () => {
      const { mosaic, calls, sim } = setup();
      await mosaic.listGroups();
      sim.expireTokens();
      expect(await mosaic.listGroups()).to.have.length(MOSAIC_GROUPS.length);
      expect(tokenCalls(calls)).to.equal(2);
    });

    it('wrong credentials are a MosaicError "credentials" that names no secret', async () => {
      const { mosaic } = setup({ clientId: MOSAIC_CLIENT_ID, clientSecret: 'wrong-secret' });
      const error = (await rejection(mosaic.listGroups())) as MosaicError;
      expect(isMosaicError(error)).to.equal(true);
      expect(error.kind).to.equal('credentials');
      expect(error.status).to.equal(401);
      expect(error.message).to.equal("Mosaic refused the management credentials (invalid_client). Check the broker's Mosaic client id and secret.");
      expect(error.message).not.to.contain('wrong-secret');
    });

    it('refuses to be built without credentials', () => {
      expect(() => createMosaicClient({ clientId: '', clientSecret: 's' })).to.throw(TypeError, '"clientId" must be a non-empty string');
      expect(() => createMosaicClient({ clientId: 'c', clientSecret: undefined as unknown as string })).to.throw(TypeError, '"clientSecret"');
    });
  });

  describe('against the simulator', () => {
    it('lists the seeded groups with their clients, and drops the clients\' secrets', async () => {
      const { mosaic } = setup();
      const groups = await mosaic.listGroups();
      expect(groups.map((g) => g.name)).to.deep.equal(MOSAIC_GROUPS.map((g) => g.name));
      const agents = groups.find((g) => g.id === MOSAIC_AGENT_GROUP_ID)!;
      expect(agents.configuration).to.deep.equal({ journey: 'agent_sso_journey', allowSilentLogin: true, sessionTimeout: 8, sessionTimeoutGranularity: 'hours' });
      expect(agents.clients!.map((c) => c.name)).to.deep.equal(['Rechat CRM', 'DocuSign']);
      expect(agents.clients![0]!.redirect_uris).to.deep.equal(['https://app.rechat.com/oauth/callback']);
      expect(agents.clients![1]!.sso_url).to.equal('https://account.docusign.example/saml/sso');
      for (const client of agents.clients!) expect(client).not.to.have.property('client_secret');
    });

    it('creates, gets, updates and deletes a group', async () => {
      const { mosaic } = setup();
      const created = await mosaic.createGroup(group(' Listing tools '));
      expect(created).to.include({ name: 'Listing tools', description: 'For the tests' });
      expect(created!.clients).to.deep.equal([]);
      const id = created!.id;
      expect((await mosaic.getGroup(id)).configuration!.sessionTimeout).to.equal(15);

      await mosaic.updateGroup(id, group('Listing tools', { sessionTimeout: 2, sessionTimeoutGranularity: 'days', allowSilentLogin: true }));
      const updated = await mosaic.getGroup(id);
      expect(updated.configuration).to.deep.equal({ journey: 'test_journey', allowSilentLogin: true, sessionTimeout: 2, sessionTimeoutGranularity: 'days' });

      await mosaic.deleteGroup(id);
      expect((await mosaic.listGroups()).map((g) => g.id)).not.to.include(id);
    });

    it('a missing group is a MosaicError "not-found" with a plain message', async () => {
      const { mosaic } = setup();
      for (const call of [() => mosaic.getGroup('nope'), () => mosaic.updateGroup('nope', group('x')), () => mosaic.deleteGroup('nope')]) {
        const error = (await rejection(call())) as MosaicError;
        expect(error).to.be.instanceOf(MosaicError);
        expect(error.kind).to.equal('not-found');
        expect(error.status).to.equal(404);
        expect(error.detail).to.equal('SSO Service Not Found');
        expect(error.message).to.equal('This SSO clients group was not found in Mosaic. It may have been deleted.');
      }
    });

    it('a client without sso-service:delete gets a 403 that names it, and the group stays', async () => {
      const { mosaic } = setup({ clientId: MOSAIC_LIMITED_CLIENT_ID, clientSecret: MOSAIC_LIMITED_CLIENT_SECRET });
      const created = await mosaic.createGroup(group('Temporary'));
      const error = (await rejection(mosaic.deleteGroup(created!.id))) as MosaicError;
      expect(error.kind).to.equal('permission');
      expect(error.permission).to.equal('sso-service:delete');
      expect(error.status).to.equal(403);
      expect(error.message).to.equal('Mosaic refused: the management client lacks the "sso-service:delete" permission. Ask your Mosaic administrator to grant it.');
      expect((await mosaic.listGroups()).map((g) => g.id)).to.include(created!.id);
    });

    it('Mosaic\'s own 400 is a MosaicError "invalid" carrying its message', async () => {
      const error = toMosaicError(new HttpError(400, 'POST', `${API}/cis/v1/sso-service/sso-group`, undefined, 'name: required, a non-empty string')) as MosaicError;
      expect(error.kind).to.equal('invalid');
      expect(error.message).to.equal('Mosaic refused the group: name: required, a non-empty string');
    });
  });

  describe('errors', () => {
    it('a 403 that does not name the permission is read from the method', () => {
      const forbidden = (method: string) => toMosaicError(new HttpError(403, method, `${API}/x`, undefined, 'Forbidden')) as MosaicError;
      expect(forbidden('GET').permission).to.equal('sso-service:read');
      expect(forbidden('PUT').permission).to.equal('sso-service:edit');
      expect(forbidden('POST').permission).to.equal('sso-service:edit');
      expect(forbidden('DELETE').permission).to.equal('sso-service:delete');
    });

    it('are core errors with code UPSTREAM that survive a message boundary; other errors pass through', () => {
      const error = toMosaicError(new HttpError(404, 'GET', `${API}/x`)) as MosaicError;
      expect(isSsoError(error, ErrorCode.Upstream)).to.equal(true);
      expect(error.name).to.equal('MosaicError');
      expect(error.service).to.equal('mosaic');
      expect(serializeError(error)).to.deep.equal({ name: 'MosaicError', code: 'UPSTREAM', message: error.message, status: 404 });
      expect(isMosaicError({ ...serializeError(error) })).to.equal(true);
      // The broker's own refusals (Rechat's `{http, code, message}` shape) are not Mosaic's.
      const notAdmin = new HttpError(403, 'GET', 'https://b.example/admin/mosaic/groups', 'Forbidden', 'Only brand admins may manage SSO groups');
      expect(toMosaicError(notAdmin)).to.equal(notAdmin);
      const other = new TypeError('x');
      expect(toMosaicError(other)).to.equal(other);
      expect(toMosaicError(error)).to.equal(error);
    });
  });

  describe('mosaicViaBroker', () => {
    function recordingApi(answer: unknown): { api: AuthorizedApi; calls: RequestOptions<unknown>[] } {
      const calls: RequestOptions<unknown>[] = [];
      return {
        calls,
        api: {
          request: async <T>(options: RequestOptions<T>) => {
            calls.push(options as RequestOptions<unknown>);
            if (answer instanceof Error) throw answer;
            return (options.schema ? options.schema.parse(answer) : answer) as T;
          },
        },
      };
    }

    it('calls the broker\'s admin routes through the session, which adds the Rechat bearer token', async () => {
      const { api, calls } = recordingApi({ result: [] });
      const broker = mosaicViaBroker(api, 'https://intranet.example/broker/');
      await broker.listGroups();
      await broker.updateGroup('a/b', group('x'));
      await broker.deleteGroup('g1');
      expect(calls.map((c) => [c.method ?? 'GET', c.path])).to.deep.equal([
        ['GET', 'https://intranet.example/broker/admin/mosaic/groups'],
        ['PUT', 'https://intranet.example/broker/admin/mosaic/groups/a%2Fb'],
        ['DELETE', 'https://intranet.example/broker/admin/mosaic/groups/g1'],
      ]);
      expect(calls[1]!.body).to.deep.equal(group('x'));
    });

    it('maps the broker\'s pass-through of a Mosaic 403 to the same MosaicError', async () => {
      const { api } = recordingApi(new HttpError(403, 'DELETE', 'https://b.example/admin/mosaic/groups/g', undefined, 'Forbidden: missing permission sso-service:delete'));
      const error = (await rejection(mosaicViaBroker(api, 'https://b.example').deleteGroup('g'))) as MosaicError;
      expect([error.kind, error.permission]).to.deep.equal(['permission', 'sso-service:delete']);
    });

    it('needs an absolute http(s) broker URL', () => {
      const { api } = recordingApi({});
      for (const bad of ['', '/broker', 'javascript:alert(1)']) {
        expect(() => mosaicViaBroker(api, bad)).to.throw(TypeError, '"brokerUrl" must be an absolute http(s) URL');
      }
    });
  });
});
