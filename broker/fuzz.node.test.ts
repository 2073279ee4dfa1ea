/**
 * Fuzzing the broker (issue 9, items 10 and 11), with fast-check:
 * - its own request bodies: the token proxy's grant and the chatbot token request, 10,000 cases each;
 *   the invariant is the core's: a valid value or a typed error, never anything else;
 * - the handler itself: 10,000 random requests (methods, paths, headers, bodies) against the broker with
 *   the simulator behind it. None may answer 500, none may throw, nothing may reject unhandled.
 * The counts are printed (`[fuzz] …`).
 * Run: node --import tsx --test broker/fuzz.node.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, MOSAIC_CLIENT_ID, MOSAIC_CLIENT_SECRET, PARENT_BRAND_ID, USERS } from '../demo/simulator/index.ts';
import { BROKER_URL, brokerHarness, testBrokerConfig, withHeaders } from '../test/helpers/broker.ts';
import { chatbotTokenRequest } from './chatbots.ts';
import { BrokerError } from './http.ts';
import { forwardedGrant, OAuthProxyError } from './oauth.ts';

const RUNS = 10_000;
const CONFIG = testBrokerConfig();
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then', 'isPrototypeOf'];
const GRANT_KEYS = ['grant_type', 'username', 'password', 'refresh_token', 'client_id', 'client_secret', 'code', 'scope', 'embedding', 'Email'];

/** A JSON value (as `JSON.parse` makes them), favouring the keys and values the parsers look at. */
const jsonValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(...HOSTILE_KEYS, 'password', 'refresh_token', 'authorization_code', ''), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
const body = fc
  .dictionary(fc.oneof(fc.constantFrom(...GRANT_KEYS, ...HOSTILE_KEYS), fc.string()), jsonValue, { maxKeys: 8 })
  // Through JSON, as the broker gets it: `__proto__` becomes an own key, as JSON.parse makes it.
  .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

const counts: Record<string, number> = {};
const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);

describe("the broker's own request bodies", () => {
  after(() => console.log(`[fuzz] request bodies: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`));

  it('the token proxy grant: a grant of only strings and known fields, or an OAuthProxyError', () => {
    fc.assert(
      fc.property(body, (input) => {
        count('grant');
        let grant: Record<string, string>;
        try {
          grant = forwardedGrant(input, { config: CONFIG });
        } catch (error) {
          assert.ok(error instanceof OAuthProxyError, `not a typed error: ${String(error)}`);
          assert.ok([400, 401].includes(error.status));
          assert.match(error.error, /^(invalid_request|invalid_client|unsupported_grant_type)$/);
          return;
        }
        assert.ok(['password', 'refresh_token'].includes(grant.grant_type!));
        assert.equal(grant.client_secret, CONFIG.rechat.clientSecret);
        assert.equal(grant.client_id, CONFIG.rechat.clientId);
        const allowed = grant.grant_type === 'password' ? ['username', 'password'] : ['refresh_token'];
        assert.deepEqual(Object.keys(grant).sort(), ['client_id', 'client_secret', 'grant_type', ...allowed].sort());
        for (const value of Object.values(grant)) assert.ok(typeof value === 'string' && value !== '');
      }),
      { numRuns: RUNS },
    );
    assert.ok(counts.grant! >= RUNS);
  });

  it('the chatbot token request: {embedding: boolean}, or a 400 BrokerError', () => {
    fc.assert(
      fc.property(fc.oneof(body, body.map((b) => ({ ...b, embedding: b.embedding }))), (input) => {
        count('chatbot-token');
        try {
          const parsed = chatbotTokenRequest(input);
          assert.deepEqual(Object.keys(parsed), ['embedding']);
          assert.equal(typeof parsed.embedding, 'boolean');
        } catch (error) {
          assert.ok(error instanceof BrokerError, `not a typed error: ${String(error)}`);
          assert.equal(error.status, 400);
        }
      }),
      { numRuns: RUNS },
    );
    assert.ok(counts['chatbot-token']! >= RUNS);
  });
});

describe('the handler', () => {
  const failures: unknown[] = [];
  const onFailure = (error: unknown) => failures.push(error);
  before(() => {
    process.on('unhandledRejection', onFailure);
    process.on('uncaughtException', onFailure);
  });
  after(() => {
    process.off('unhandledRejection', onFailure);
    process.off('uncaughtException', onFailure);
  });

  it('answers 10,000 random requests, never with a 500, never throwing', { timeout: 300_000 }, async () => {
    const h = brokerHarness({
      config: { ...CONFIG, mosaic: { apiBase: 'https://rechat.sim.test/api/mosaic', clientId: MOSAIC_CLIENT_ID, clientSecret: MOSAIC_CLIENT_SECRET, adminBrand: PARENT_BRAND_ID } },
      // Fuzzing is not guessing: limits high enough that the routes behind them are reached.
      broker: { limits: { signInPerAccount: { points: 1e6, durationSeconds: 1 }, signInPerAddress: { points: 1e6, durationSeconds: 1 }, chatbotPerAgent: { points: 1e6, durationSeconds: 1 } } },
    });
    const signIn = async (email: string) =>
      (await h.call('POST', '/oauth2/token', { body: { grant_type: 'password', client_id: CLIENT_ID, username: email, password: DEMO_PASSWORD } })).body.access_token as string;
    const tokens = [await signIn(USERS.agent.email), await signIn(USERS.admin.email)];

    const segment = fc.oneof(
      fc.constantFrom(CHILD_BRAND_ID, PARENT_BRAND_ID, 'listing-assistant', 'lead-qualifier', 'token', 'chatbots', 'brands', 'groups', '..', '.', '%2e%2e', '%00', '%ff', '%', '__proto__', 'constructor', ''),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    const path = fc.oneof(
      { arbitrary: fc.constantFrom('/oauth2/token', '/health', `/brands/${CHILD_BRAND_ID}/chatbots`, `/brands/${CHILD_BRAND_ID}/chatbots/listing-assistant/token`, '/admin/mosaic/groups', '/admin/mosaic/groups/x'), weight: 3 },
      { arbitrary: fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`), weight: 1 },
    );
    const method = fc.oneof(
      { arbitrary: fc.constantFrom('GET', 'POST'), weight: 6 },
      { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'post'), weight: 2 },
    );
    const printable = fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
    // Mostly well-formed, so that most requests reach a route; the rest hostile.
    /** `arb` in `share` of the cases, absent in the others. */
    const sometimes = <T>(arb: fc.Arbitrary<T>, share: number) =>
      fc.oneof({ arbitrary: fc.constant(undefined), weight: Math.round((1 - share) * 100) }, { arbitrary: arb, weight: Math.round(share * 100) });
    const headers = fc
      .record({
        'content-type': fc.oneof(
          { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'), weight: 8 },
          { arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''), weight: 1 },
          { arbitrary: printable, weight: 1 },
        ),
        'content-length': sometimes(fc.oneof(fc.constantFrom('0', '-1', '1e9', 'abc', '99999999999999999999', '16385', ' 12 '), fc.nat({ max: 20_000 }).map(String)), 0.2),
        authorization: sometimes(
          fc.oneof(
            { arbitrary: fc.constantFrom(...tokens.map((t) => `Bearer ${t}`)), weight: 6 },
            { arbitrary: fc.constantFrom('Bearer forged', 'Bearer', 'Basic eDp5', `Bearer ${'x'.repeat(5000)}`), weight: 2 },
            { arbitrary: printable, weight: 1 },
          ),
          0.8,
        ),
        origin: sometimes(fc.constantFrom('https://intranet.example', 'https://evil.example', 'null'), 0.3),
        'access-control-request-method': sometimes(fc.constantFrom('GET', 'POST', 'DELETE'), 0.2),
        'transfer-encoding': sometimes(fc.constant('chunked'), 0.1),
      })
      .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record<string, string>);
    const bodyText = fc.oneof(
      body.map((b) => JSON.stringify(b)),
      fc.constantFrom(
        JSON.stringify({ grant_type: 'password', username: USERS.agent.email, password: 'wrong' }),
        JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'r'.repeat(30) }),
        JSON.stringify({ embedding: true }),
        JSON.stringify({ name: 'g', description: 'd', configuration: { journey: 'j', allowSilentLogin: true, sessionTimeout: 1, sessionTimeoutGranularity: 'days' } }),
        '{"grant_type":"constructor"}',
        '€'.repeat(6000),
        '[',
        'null',
        '',
      ),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => new TextDecoder('latin1').decode(bytes)),
    );
    const statuses: Record<number, number> = {};
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(method, path, headers, fc.option(bodyText, { nil: undefined }), async (m, p, hs, text) => {
        runs++;
        const upper = m.toUpperCase();
        const sendsBody = text !== undefined && upper !== 'GET' && upper !== 'HEAD';
        const request = withHeaders(new Request(BROKER_URL + p, { method: m, body: sendsBody ? text : undefined }), hs as Record<string, string>);
        let response: Response;
        try {
          response = await h.broker.handle(request);
        } catch (error) {
          assert.fail(`handle() threw for ${m} ${p}: ${String(error)}`);
        }
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        assert.ok(response.status < 500 || [502, 504].includes(response.status), `${m} ${p} ${JSON.stringify(hs)} ${text?.slice(0, 80)} → ${response.status}`);
        assert.ok(response.status !== 500);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      }),
      { numRuns: RUNS },
    );
    console.log(`[fuzz] handler: ${runs} requests; statuses ${Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(', ')}`);
    assert.ok(runs >= RUNS);
    assert.deepEqual(failures, []);
    assert.ok(!h.logs.some((line) => line.startsWith('error:')), h.logs.filter((line) => line.startsWith('error:')).slice(0, 5).join('\n'));
  });
});
