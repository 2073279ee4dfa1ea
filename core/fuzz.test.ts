/**
 * Property-based fuzzing of everything the core reads from the network: every response schema, and
 * `processResponse` with random statuses, headers and bodies (JSON, not JSON, binary, huge, deeply
 * nested, hostile keys, bodies that break off). The property is always the same: never an uncaught
 * exception and never a crash deep inside, only a valid value or a typed core error; and no prototype
 * pollution.
 *
 * Every schema that parses network input gets at least {@link CASES_PER_SCHEMA} cases: Rechat's token,
 * user, app, app list, brands and MFA setup; Xenioo's `/sso/authorize` in both shapes (with the
 * processing the broker does after the schema); Mosaic's group and group list, and its error answers
 * mapped by `toMosaicError`. The counts per schema are printed at the end (`fuzz cases per schema`),
 * then the total as `fuzz cases: N`.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { ErrorCode, HttpError, ValidationError, isSsoError } from './errors.ts';
import { processResponse } from './http.ts';
import { MOSAIC_PERMISSIONS, MosaicErrorKind, MosaicGroupSchema, isMosaicError, mosaicResult, toMosaicError } from './mosaic.ts';
import { parseWith } from './schema.ts';
import { BrandSchema, MfaSetupResponseSchema, SsoAppListSchema, SsoAppSchema, TokenResponseSchema, UserSchema, envelope } from './rechat/schemas.ts';
import { safeHttpUrl } from './urls.ts';
import { XeniooAuthorizeResponseSchema, processXeniooAuthorizeResponse } from './xenioo.ts';
import {
  validAppEnvelope,
  validAppList,
  validBrandList,
  validMfaSetup,
  validMosaicGroupEnvelope,
  validMosaicGroupList,
  validTokenResponse,
  validUserEnvelope,
  validXeniooAuthorize,
  validXeniooAuthorizeLegacy,
} from '../test/helpers/fixtures.ts';

/** Runs per schema: any value, any JSON, and mutants of the valid shapes. They add up to 10,000. */
const RUNS = { anything: 3000, json: 3000, mutant: 4000 } as const;
const CASES_PER_SCHEMA = RUNS.anything + RUNS.json + RUNS.mutant;
/** Runs of the processResponse property (statuses, headers, bodies of every schema). */
const NUM_RUNS = 500;
/** Every predicate call, across all properties (including any shrinking after a failure). */
let cases = 0;
/** Per schema: cases, of which valid values and ValidationErrors (or, for error answers, typed errors). */
const perSchema = new Map<string, { cases: number; valid: number; rejected: number }>();
function tally(name: string, valid: boolean): void {
  const row = perSchema.get(name) ?? { cases: 0, valid: 0, rejected: 0 };
  row.cases++;
  if (valid) row.valid++;
  else row.rejected++;
  perSchema.set(name, row);
}

/** When Xenioo's answer is read (epoch ms). */
const NOW = Date.UTC(2026, 0, 23);

/** A schema under fuzzing: what the core parses a response with, and what it then does with the value. */
interface Target {
  name: string;
  schema: z.ZodMiniType<unknown>;
  /** Valid bodies, in every shape the service sends. */
  valid: unknown[];
  /** The core's processing after the schema (it may throw a ValidationError too); checks its result. */
  process?: (parsed: never) => void;
}

const SCHEMAS: Target[] = [
  { name: 'Rechat token (TokenResponseSchema)', schema: TokenResponseSchema, valid: [validTokenResponse] },
  { name: 'Rechat user (envelope(UserSchema))', schema: envelope(UserSchema), valid: [validUserEnvelope] },
  { name: 'Rechat app (envelope(SsoAppSchema))', schema: envelope(SsoAppSchema), valid: [validAppEnvelope] },
  { name: 'Rechat app list (SsoAppListSchema)', schema: SsoAppListSchema, valid: [validAppList] },
  { name: 'Rechat brands (envelope(array(BrandSchema)))', schema: envelope(z.array(BrandSchema)), valid: [validBrandList] },
  { name: 'Rechat MFA setup (MfaSetupResponseSchema)', schema: MfaSetupResponseSchema, valid: [validMfaSetup] },
  {
    name: 'Xenioo /sso/authorize, both shapes (XeniooAuthorizeResponseSchema + processXeniooAuthorizeResponse)',
    schema: XeniooAuthorizeResponseSchema,
    valid: [validXeniooAuthorize, validXeniooAuthorizeLegacy],
    process: (parsed: z.infer<typeof XeniooAuthorizeResponseSchema>) => {
      const sso = processXeniooAuthorizeResponse(parsed, NOW);
      // What the broker hands on: an http(s) Home, a token, and a lifetime that is a real number of seconds.
      expect(safeHttpUrl(sso.home)).to.equal(sso.home);
      expect(sso.token).to.be.a('string').and.not.equal('');
      expect(Number.isSafeInteger(sso.expiresIn) && sso.expiresIn >= 1, `expiresIn ${sso.expiresIn}`).to.equal(true);
      expect(sso.expiresAt).to.equal(NOW + sso.expiresIn * 1000);
    },
  },
  { name: 'Mosaic group (mosaicResult(MosaicGroupSchema))', schema: mosaicResult(MosaicGroupSchema), valid: [validMosaicGroupEnvelope] },
  { name: 'Mosaic group list (mosaicResult(array(MosaicGroupSchema)))', schema: mosaicResult(z.array(MosaicGroupSchema)), valid: [validMosaicGroupList] },
];

/** Keys that attack a naive merge: they must stay plain data. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'];

/** Everything fast-check can make, with every exotic option on. */
const anything = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary',
  key: fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_KEYS)),
});

/** A huge string, up to 1 MiB. */
const hugeString = fc.integer({ min: 50_000, max: 1 << 20 }).chain((n) => fc.constantFrom('x', '\u0000', '𝕏', '"', '\\').map((ch) => ch.repeat(n)));

/** A pollution attempt, as JSON.parse would build it: `__proto__` as an own data property. */
const pollution = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  JSON.parse('{"__proto__": {"__proto__": {"polluted": "yes"}}, "data": {"__proto__": {"polluted": "yes"}}}') as unknown,
);

/** Nested arrays or objects, far deeper than any schema. Built directly, as JSON.stringify would overflow. */
function deep(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { data: value, __proto__: null };
  return value;
}
// Built once and shared: parsing never changes them, and building a 20,000-deep object for every case
// was most of the run time (about 11 ms each) once every schema got 10,000 cases.
const DEEP_VALUES = [100, 257, 1000, 4096, 10_000, 20_000].flatMap((d) => [deep(d, 'array'), deep(d, 'object')]);
const deeplyNested = fc.constantFrom(...DEEP_VALUES);

/** A replacement for any field: random, hostile, huge or deep. */
const replacement = fc.oneof(
  { arbitrary: anything, weight: 6 },
  { arbitrary: fc.constantFrom(null, undefined, '', 0, -1, NaN, Infinity, true, [], {}, '0', 'null'), weight: 3 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: pollution, weight: 1 },
  { arbitrary: deeplyNested, weight: 1 },
);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds extra own properties (hostile names included) the way JSON.parse does: as data, never via a setter. */
function withExtras(base: Record<string, unknown>, extras: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of [...Object.entries(base), ...extras]) {
    Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return out;
}

/**
 * Values built from a valid one: each field kept, replaced by {@link replacement}, or left out; each
 * object may gain hostile extra keys; arrays may grow, shrink or be replaced.
 */
function mutant(valid: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (Array.isArray(valid)) {
    const element = valid.length ? fc.oneof(...valid.map((v) => mutant(v, depth + 1))) : replacement;
    return fc.oneof(
      { arbitrary: fc.tuple(...valid.map((v) => mutant(v, depth + 1))), weight: 4 },
      { arbitrary: fc.array(element, { maxLength: 8 }), weight: 2 },
      { arbitrary: replacement, weight: 1 },
    );
  }
  if (isPlainObject(valid)) {
    const model = Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, mutant(v, depth + 1)]));
    const fields = fc.record(model, { requiredKeys: Object.keys(valid).filter((_, i) => i % 2 === 0) });
    const extras = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string()), replacement), { maxLength: 3 });
    return fc.oneof(
      { arbitrary: fc.tuple(fields, extras).map(([f, e]) => withExtras(f as Record<string, unknown>, e)), weight: 6 },
      { arbitrary: replacement, weight: 1 },
    );
  }
  return fc.oneof({ arbitrary: fc.constant(valid), weight: 3 }, { arbitrary: replacement, weight: 1 });
}

/** Values from parsed JSON text: the only kind a network body can really produce. */
const fromJson = fc.json({ maxDepth: 6 }).map((text) => JSON.parse(text) as unknown);

/** Own keys of Object.prototype, to detect pollution. */
const prototypeKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();
const cleanPrototype = prototypeKeys();
function expectNoPollution() {
  expect(prototypeKeys()).to.deep.equal(cleanPrototype);
  expect(({} as { polluted?: unknown }).polluted).to.equal(undefined);
  expect((Object.prototype as { polluted?: unknown }).polluted).to.equal(undefined);
}

/** Parses; returns true for a valid value, false for a ValidationError, and fails on anything else. */
function parsesOrValidationError(target: Target, value: unknown): boolean {
  cases++;
  const { schema } = target;
  let parsed: unknown;
  try {
    parsed = parseWith(schema, value, 'fuzz');
    target.process?.(parsed as never);
  } catch (error) {
    if (!(error instanceof ValidationError) || !isSsoError(error, ErrorCode.Validation)) throw error;
    if (typeof error.message !== 'string' || error.issues.length === 0) throw new Error('a ValidationError without issues');
    for (const issue of error.issues) if (typeof issue.path !== 'string' || typeof issue.message !== 'string') throw new Error('a malformed issue');
    tally(target.name, false);
    return false;
  }
  // A value the schema accepted must parse again to the same thing, with no hostile key in it. Keys,
  // not values: JSON writes a key with a colon after it, and "__proto__" is a harmless string as an
  // email (a run found that one, seed 689781824).
  expect(parseWith(schema, parsed, 'fuzz again')).to.deep.equal(parsed);
  const json = JSON.stringify(parsed);
  expect(json).not.to.contain('"__proto__":');
  expect(json).not.to.contain('"polluted":');
  tally(target.name, true);
  return true;
}

describe('fuzzing (fast-check)', function () {
  this.timeout(300_000);

  // Time per schema, so the cost of each stays visible (the whole file runs inside web-test-runner).
  const elapsed = new Map<string, number>();
  let started = 0;
  beforeEach(() => {
    started = performance.now();
  });
  afterEach(function () {
    const suite = (this as unknown as { currentTest?: { parent?: { title: string } } }).currentTest?.parent?.title ?? '';
    elapsed.set(suite, (elapsed.get(suite) ?? 0) + performance.now() - started);
  });

  after(() => {
    // Lines the report can quote.
    const seconds = (name: string) => ((elapsed.get(name) ?? elapsed.get(name.startsWith('Mosaic errors') ? 'Mosaic error answers' : '') ?? 0) / 1000).toFixed(1);
    const rows = [...perSchema].map(([name, r]) => `  ${name}: ${r.cases} (${r.valid} valid, ${r.rejected} rejected with a typed error) in ${seconds(name)} s`);
    console.log(`fuzz cases per schema:\n${rows.join('\n')}`);
    console.log(`fuzz cases: ${cases}`);
  });

  for (const target of SCHEMAS) {
    describe(target.name, () => {
      const mutants = fc.oneof(...target.valid.map((v) => mutant(v)));

      it('accepts the valid shapes', () => {
        for (const valid of target.valid) expect(parsesOrValidationError(target, valid)).to.equal(true);
      });

      it(`anything at all (${RUNS.anything} cases): a valid value or a ValidationError`, () => {
        fc.assert(fc.property(anything, (value) => void parsesOrValidationError(target, value)), { numRuns: RUNS.anything });
        expectNoPollution();
      });

      it(`any JSON (${RUNS.json} cases): a valid value or a ValidationError`, () => {
        fc.assert(fc.property(fromJson, (value) => void parsesOrValidationError(target, value)), { numRuns: RUNS.json });
        expectNoPollution();
      });

      it(`the valid shapes with fields replaced, removed, added, huge, deep or hostile (${RUNS.mutant} cases): a valid value or a ValidationError`, () => {
        let accepted = 0;
        fc.assert(
          fc.property(mutants, (value) => {
            if (parsesOrValidationError(target, value)) accepted++;
          }),
          { numRuns: RUNS.mutant },
        );
        expectNoPollution();
        // The mutants are near misses, not noise: some of them are still valid.
        expect(accepted).to.be.greaterThan(0);
      });
    });
  }

  describe('processResponse', () => {
    /** Header values a Response accepts: printable ASCII, as a hostile server could send. */
    const headerValue = fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '').trim());
    const retryAfter = fc.oneof(
      headerValue,
      fc.nat().map(String),
      fc.constantFrom('0', '-1', '1.5', '99999999999999999999', 'Fri, 31 Dec 9999 23:59:59 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT'),
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    );
    const contentType = fc.oneof(
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'text/plain', 'application/octet-stream', ''),
      headerValue,
    );

    /** A JSON text built from a value, or undefined when the value has no JSON form (bigint, cycles...). */
    const jsonText = (value: unknown): string | undefined => {
      try {
        return JSON.stringify(value);
      } catch {
        return undefined;
      }
    };
    const errorBodies = fc.oneof(
      fc.record(
        { http: anything, code: fc.oneof(fc.string(), anything, hugeString), message: fc.oneof(fc.string(), anything, hugeString) },
        { requiredKeys: [] },
      ),
      fc.record({ error: fc.oneof(fc.string(), anything, hugeString), error_description: fc.oneof(fc.string(), anything) }, { requiredKeys: [] }),
      fc.constantFrom({ code: 'MFARequired', message: 'MFA required' }, { error: 'invalid_grant' }, { message: 'mfa REQUIRED please' }),
    );

    /** Body text: JSON of mutants and error bodies, any JSON, any text, binary, huge, deeply nested, cut off. */
    const bodyText: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
      { arbitrary: fc.oneof(...SCHEMAS.flatMap((s) => s.valid.map((v) => mutant(v)))).map((v) => jsonText(v) ?? ''), weight: 5 },
      { arbitrary: errorBodies.map((v) => jsonText(v) ?? '{}'), weight: 3 },
      { arbitrary: fc.json(), weight: 2 },
      { arbitrary: fc.string({ unit: 'binary' }), weight: 2 },
      { arbitrary: fc.uint8Array({ maxLength: 256 }), weight: 1 },
      { arbitrary: hugeString, weight: 1 },
      { arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)), weight: 1 },
      { arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => '{"data":'.repeat(n) + 'null' + '}'.repeat(n)), weight: 1 },
      { arbitrary: fc.constantFrom('', ' ', 'null', '{"code":"OK","data":[', '<html>oops</html>', '\uFEFF{}', 'undefined'), weight: 1 },
      {
        arbitrary: fc.json().map((text) => '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"x":' + text + '}'),
        weight: 1,
      },
    );

    const NULL_BODY = new Set([204, 205, 304]);
    const scenario = fc.record({
      status: fc.oneof(fc.integer({ min: 200, max: 599 }), fc.constantFrom(200, 204, 400, 401, 403, 404, 429, 500, 503)),
      body: bodyText,
      /** The body stream breaks off after this many bytes (a dropped connection), or never. */
      breakAfter: fc.option(fc.nat({ max: 64 }), { freq: 6 }),
      contentType,
      retryAfter: fc.option(retryAfter),
      schema: fc.constantFrom(undefined, ...SCHEMAS.map((s) => s.schema)),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    });

    function response({ status, body, breakAfter, contentType, retryAfter }: Scenario): Response {
      const headers = new Headers();
      if (contentType) headers.set('content-type', contentType);
      if (retryAfter !== null) headers.set('retry-after', retryAfter);
      if (NULL_BODY.has(status)) return new Response(null, { status, headers });
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      if (breakAfter === null) return new Response(bytes, { status, headers });
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, breakAfter));
          controller.error(new TypeError('network error'));
        },
      });
      return new Response(stream, { status, headers });
    }
    type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

    it('any status, headers and body: a value, or a typed error that matches the status', async () => {
      const statuses = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          cases++;
          const ok = s.status >= 200 && s.status < 300;
          try {
            const value = await processResponse(response(s), s.schema, s.method, 'https://api.example/x', Date.UTC(2026, 0, 23));
            if (!ok) throw new Error(`status ${s.status} resolved`);
            if (s.breakAfter !== null && !NULL_BODY.has(s.status)) throw new Error('a broken body resolved');
            if (s.schema) expect(parseWith(s.schema, value, 'again')).to.deep.equal(value);
            statuses.set('value', (statuses.get('value') ?? 0) + 1);
          } catch (error) {
            if (!isSsoError(error)) throw error;
            statuses.set(error.name, (statuses.get(error.name) ?? 0) + 1);
            if (s.breakAfter !== null && !NULL_BODY.has(s.status)) {
              // A connection lost while reading is a network error, whatever the status said.
              if (!isSsoError(error, ErrorCode.Network)) throw error;
            } else if (!ok) {
              if (!(error instanceof HttpError) || error.status !== s.status) throw error;
              if (error.retryAfterMs !== undefined && !(error.retryAfterMs >= 0)) throw new Error(`retryAfterMs ${error.retryAfterMs}`);
              if ((error.serverMessage?.length ?? 0) > 200 || (error.serverCode?.length ?? 0) > 200) throw new Error('an unbounded server message');
            } else if (!(error instanceof ValidationError)) {
              throw error;
            }
          }
        }),
        { numRuns: NUM_RUNS * 4 },
      );
      expectNoPollution();
      // The generator reaches every outcome.
      for (const outcome of ['value', 'HttpError', 'ValidationError', 'NetworkError']) expect(statuses.get(outcome) ?? 0, outcome).to.be.greaterThan(0);
    });
  });
  describe('Mosaic error answers', () => {
    const MOSAIC_ERRORS = 'Mosaic errors (processResponse + toMosaicError)';
    const KINDS = new Set<string>(Object.values(MosaicErrorKind));
    // Huge messages are rare here: a few hundred show the 200-character bound, and each costs a 1 MiB body.
    const known = fc.constantFrom(
      'SSO Service Not Found',
      'Unauthorized',
      'Forbidden: missing permission sso-service:delete',
      'missing SSO-SERVICE:EDIT',
      'sso-service:read sso-service:edit',
      'sso-service:admin',
      'name: required',
    );
    const message = fc.oneof(
      { arbitrary: known, weight: 8 },
      { arbitrary: fc.string(), weight: 4 },
      { arbitrary: fc.string({ unit: 'binary' }), weight: 4 },
      { arbitrary: anything, weight: 3 },
      { arbitrary: hugeString, weight: 1 },
    );
    /** Mosaic's `{message, error_code}`, the broker's `{code, message}`, OAuth's `{error}`, or anything. */
    const body = fc.oneof(
      { arbitrary: fc.record({ message, error_code: fc.oneof(fc.integer(), fc.string(), anything) }, { requiredKeys: [] }), weight: 4 },
      { arbitrary: fc.record({ code: fc.oneof(fc.constantFrom('MosaicCredentials', 'Forbidden', 'ResourceNotFound'), fc.string(), anything), message }, { requiredKeys: [] }), weight: 2 },
      { arbitrary: fc.record({ error: fc.oneof(fc.constantFrom('invalid_client', 'invalid_grant'), fc.string(), anything), error_description: message }, { requiredKeys: [] }), weight: 1 },
      { arbitrary: replacement, weight: 2 },
    );
    const text = (value: unknown): string => {
      try {
        return JSON.stringify(value) ?? '';
      } catch {
        return String(typeof value === 'bigint' ? value : '{}');
      }
    };
    const scenario = fc.record({
      status: fc.oneof(fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 502, 503), fc.integer({ min: 400, max: 599 })),
      body: fc.oneof({ arbitrary: body.map(text), weight: 5 }, { arbitrary: fc.string({ unit: 'binary' }), weight: 1 }, { arbitrary: fc.constantFrom('', '<html>502</html>'), weight: 1 }),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    });
    const GroupResponse = mosaicResult(MosaicGroupSchema);

    it(`any error status and body (${CASES_PER_SCHEMA} cases): a MosaicError with a kind, or the HTTP error it was`, async () => {
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(scenario, async ({ status, body: bodyText, method }) => {
          cases++;
          let mapped: unknown;
          try {
            await processResponse(new Response(bodyText, { status, headers: { 'content-type': 'application/json' } }), GroupResponse, method, 'https://api.example/cis/v1/sso-service/sso-group/g', NOW);
            throw new Error(`status ${status} resolved`);
          } catch (error) {
            mapped = toMosaicError(error);
          }
          if (!isSsoError(mapped)) throw mapped;
          if (isMosaicError(mapped)) {
            expect(KINDS.has(mapped.kind), mapped.kind).to.equal(true);
            expect(mapped.status).to.equal(status);
            if (mapped.kind === MosaicErrorKind.Permission) expect(MOSAIC_PERMISSIONS).to.include(mapped.permission);
            else expect(mapped.permission).to.equal(undefined);
            outcomes.set(mapped.kind, (outcomes.get(mapped.kind) ?? 0) + 1);
          } else {
            // The broker's own answers (a `code`) stay the HTTP error they are.
            if (!(mapped instanceof HttpError) || mapped.status !== status) throw mapped;
            outcomes.set(mapped.name, (outcomes.get(mapped.name) ?? 0) + 1);
          }
          // A plain sentence, bounded whatever the server sent.
          expect(mapped.message.length).to.be.below(500);
          tally(MOSAIC_ERRORS, false);
        }),
        { numRuns: CASES_PER_SCHEMA },
      );
      expectNoPollution();
      for (const outcome of [...KINDS, 'HttpError']) expect(outcomes.get(outcome) ?? 0, outcome).to.be.greaterThan(0);
    });
  });

  describe('the counts', () => {
    it(`every schema got at least ${CASES_PER_SCHEMA} cases`, () => {
      for (const name of [...SCHEMAS.map((t) => t.name), 'Mosaic errors (processResponse + toMosaicError)']) {
        expect(perSchema.get(name)?.cases ?? 0, name).to.be.at.least(CASES_PER_SCHEMA);
      }
    });
  });
});
