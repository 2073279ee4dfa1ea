/**
 * The attack of issue 9, items 3 and 4, in a real browser: a cross-site page auto-submits an HTML form
 * (`enctype="text/plain"`, shaped so that its body is JSON) to the broker's token proxy, and a stand-in
 * Rechat echoes the username into an HTML error page. Before the fix the form reached the proxy, the
 * page came back as `text/html` and its script ran on the broker's origin. Now: a 415 in JSON, and no
 * script runs, even were an upstream page to reach the browser.
 * Run: node --import tsx --test broker/cross-site.node.test.ts
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromium.js';
import { startBrokerServer, type BrokerServer } from './server.ts';

let upstream: Server;
let attacker: Server;
let broker: BrokerServer;
let browser: Browser;
let upstreamCalls = 0;

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

const PAYLOAD = '<img src=x onerror="console.log(\'pwned on \' + location.origin)">';

before(async () => {
  // A Rechat stand-in whose error page echoes the username, as an upstream page that echoes input.
  upstream = createServer((req, res) => {
    upstreamCalls++;
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      let username = '';
      try {
        username = String((JSON.parse(body) as { username?: unknown }).username ?? '');
      } catch {
        // not JSON: nothing to echo
      }
      res.writeHead(400, { 'content-type': 'text/html' });
      res.end(`<html><body><p>Unknown user ${username}</p></body></html>`);
    });
  });
  const rechat = await listen(upstream);
  broker = await startBrokerServer(
    { rechat: { apiBase: rechat, clientId: 'cross-site-test', clientSecret: 'cross-site-secret' }, allowedOrigins: [], brands: {} },
    { port: 0, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } },
  );
  // The attacker's page, on another origin: a text/plain form whose one field makes the body JSON.
  const name = JSON.stringify({ grant_type: 'password', username: PAYLOAD, password: 'x', padding: '' }).slice(0, -2);
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<form method="POST" action="${broker.url}/oauth2/token" enctype="text/plain">
      <input type="hidden" name='${name.replace(/'/g, '&#39;')}' value='"}'></form>
      <script>document.forms[0].submit()</script>`);
  });
  await listen(attacker);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
});

after(async () => {
  await browser?.close();
  await broker?.close();
  upstream?.close();
  attacker?.close();
});

it('a cross-site form gets a 415 in JSON, and nothing it sends runs as script on the broker', { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  const attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`; // another site than 127.0.0.1
  const answer = page.waitForResponse((response) => response.url() === `${broker.url}/oauth2/token`);
  await page.goto(attackerUrl);
  const response = await answer;
  await page.waitForLoadState('load');
  await page.waitForTimeout(500); // time for an onerror handler, had one been parsed
  assert.equal(response.status(), 415);
  assert.match(response.headers()['content-type'] ?? '', /^application\/json/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  assert.equal(response.headers()['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
  assert.deepEqual(logs.filter((line) => line.includes('pwned')), []);
  assert.equal(upstreamCalls, 0);
  await page.close();
});
