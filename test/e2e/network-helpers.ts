/**
 * Helpers of the network-error tests, shared by the Chromium and the Firefox suites.
 * @module
 */
import { createServer } from 'node:net';

/**
 * Puts in place of the page's launcher one that signs in with bearer tokens through `tokenEndpoint`
 * (whatever session mode the demo page's own element uses), so the test controls where sign-in goes.
 */
export function bearerLauncher(tokenEndpoint: string): void {
  const el = document.createElement('sso-launcher');
  const attributes: Record<string, string> = {
    'api-base': '/api',
    'client-id': 'bf0da47e-7226-11e4-905b-0024d71b10fc',
    brand: '36bbee0b-37b1-4296-82b7-d9c61ad0a875',
    'token-endpoint': tokenEndpoint,
    persist: 'none',
  };
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.querySelector('sso-launcher')!.replaceWith(el);
}

/** A port on 127.0.0.1 that nothing listens on: one the system just handed out and took back. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
