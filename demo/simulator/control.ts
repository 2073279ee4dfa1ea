/**
 * The simulator's control routes under `/__sim`, for end-to-end tests that reach the simulator only over
 * HTTP. No auth: the simulator is a local demo and test tool, never deployed.
 *
 * There is deliberately no route that hands out TOTP codes: tests compute them from the seed secret,
 * as an agent's authenticator app would.
 * @module
 */
import { json, readJsonObject, validation } from './http.ts';
import type { Fault } from './faults.ts';
import type { RechatApp, RechatConfig } from './rechat.ts';

export interface ControlTarget {
  reset(): void;
  expireAllAccessTokens(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  readonly pendingFaults: number;
  readonly config: RechatConfig;
  readonly requests: ReadonlyArray<{ method: string; path: string }>;
}

function positiveSeconds(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1) throw validation(`${name}: must be a whole number of seconds, at least 1`);
  return value as number;
}

export function registerControlRoutes(app: RechatApp, target: ControlTarget): void {
  app.post('/__sim/reset', () => {
    target.reset();
    return json({ code: 'OK' });
  });

  app.post('/__sim/expire-tokens', () => {
    target.expireAllAccessTokens();
    return json({ code: 'OK' });
  });

  app.post('/__sim/faults', async (c) => {
    target.injectFault((await readJsonObject(c.req.raw)) as Fault);
    return json({ code: 'OK', data: { pending: target.pendingFaults } });
  });

  app.delete('/__sim/faults', () => {
    target.clearFaults();
    return json({ code: 'OK', data: { pending: 0 } });
  });

  // Changes the TTLs of tokens issued from now on (and the client-secret rule); answers the config.
  app.post('/__sim/config', async (c) => {
    const body = await readJsonObject(c.req.raw);
    const access = positiveSeconds(body, 'accessTokenTtlSeconds');
    const refresh = positiveSeconds(body, 'refreshTokenTtlSeconds');
    const requireSecret = body.requireClientSecret;
    if (requireSecret !== undefined && typeof requireSecret !== 'boolean') throw validation('requireClientSecret: must be a boolean');
    if (access !== undefined) target.config.accessTokenTtlSeconds = access;
    if (refresh !== undefined) target.config.refreshTokenTtlSeconds = refresh;
    if (requireSecret !== undefined) target.config.requireClientSecret = requireSecret;
    return json({ code: 'OK', data: { ...target.config } });
  });

  app.get('/__sim/requests', () => json({ code: 'OK', data: [...target.requests] }));
}
