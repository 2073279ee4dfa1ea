/**
 * Property-based fuzzing of everything the core reads from the network: every response schema, and
 * `processResponse` with random statuses, headers and bodies (JSON, not JSON, binary, huge, deeply
 * nested, hostile keys, bodies that break off). The property is always the same: never an uncaught
 * exception and never a crash deep inside, only a valid value or a typed core error; and no prototype
 * pollution. The number of cases run is printed at the end as `fuzz cases: N`.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import { ErrorCode, HttpError, ValidationError, isSsoError } from './errors.ts';
import { processResponse } from './http.ts';
import { parseWith } from './schema.ts';
import { MfaSetupResponseSchema, SsoAppListSchema, TokenResponseSchema, UserSchema, envelope } from './rechat/schemas.ts';
import { validAppList, validMfaSetup, validTokenResponse, validUserEnvelope } from '../test/helpers/fixtures.ts';

/** Runs per property. */
const NUM_RUNS = 500;
/** Every predicate call, across all properties (including any shrinking after a failure). */
let cases = 0;

const UserEnvelope = envelope(UserSchema);
const SCHEMAS: Array<{ name: string; schema: z.ZodMiniType<unknown>; valid: unknown }> = [
  { name: 'TokenResponseSchema', schema: TokenResponseSchema, valid: validTokenResponse },
  { name: 'envelope(UserSchema)', schema: UserEnvelope, valid: validUserEnvelope },
  { name: 'SsoAppListSchema', schema: SsoAppListSchema, valid: validAppList },
  { name: 'MfaSetupResponseSchema', schema: MfaSetupResponseSchema, valid: validMfaSetup },
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
const deeplyNested = fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => deep(d, k));

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
function parsesOrValidationError(schema: z.ZodMiniType<unknown>, value: unknown): boolean {
  cases++;
  let parsed: unknown;
  try {
    parsed = parseWith(schema, value, 'fuzz');
  } catch (error) {
    if (!(error instanceof ValidationError) || !isSsoError(error, ErrorCode.Validation)) throw error;
    if (typeof error.message !== 'string' || error.issues.length === 0) throw new Error('a ValidationError without issues');
    for (const issue of error.issues) if (typeof issue.path !== 'string' || typeof issue.message !== 'string') throw new Error('a malformed issue');
    return false;
  }
  // A value the schema accepted must parse again to the same thing, with no hostile key in it.
  expect(parseWith(schema, parsed, 'fuzz again')).to.deep.equal(parsed);
  const json = JSON.stringify(parsed);
  expect(json).not.to.contain('"__proto__"');
  expect(json).not.to.contain('"polluted"');
  return true;
}

const fuzzOptions = { numRuns: NUM_RUNS };

describe('fuzzing (fast-check)', function () {
  this.timeout(300_000);

  after(() => {
    // One line the report can quote.
    console.log(`fuzz cases: ${cases}`);
  });

  for (const { name, schema, valid } of SCHEMAS) {
    describe(name, () => {
      it('accepts the valid shape', () => {
        expect(parsesOrValidationError(schema, valid)).to.equal(true);
      });

      it('anything at all: a valid value or a ValidationError', () => {
        fc.assert(fc.property(anything, (value) => void parsesOrValidationError(schema, value)), fuzzOptions);
        expectNoPollution();
      });

      it('any JSON: a valid value or a ValidationError', () => {
        fc.assert(fc.property(fromJson, (value) => void parsesOrValidationError(schema, value)), fuzzOptions);
        expectNoPollution();
      });

      it('the valid shape with fields replaced, removed, added, huge, deep or hostile: a valid value or a ValidationError', () => {
        let accepted = 0;
        fc.assert(
          fc.property(mutant(valid), (value) => {
            if (parsesOrValidationError(schema, value)) accepted++;
          }),
          fuzzOptions,
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
      { arbitrary: fc.oneof(...SCHEMAS.map((s) => mutant(s.valid))).map((v) => jsonText(v) ?? ''), weight: 5 },
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
});
