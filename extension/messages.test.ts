import { expect } from '@open-wc/testing';
import { ErrorCode, SessionExpiredError, isSsoError } from '../core/errors.ts';
import { rejection } from '../test/helpers/assert.ts';
import { CHANNEL, createCaller, dispatch, isOwnPage, type ExtensionSelf, type MessageRequest, type MessageTable, type SenderLike } from './messages.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const SELF: ExtensionSelf = { id: ID, baseUrl: `chrome-extension://${ID}/` };
const POPUP: SenderLike = { id: ID, url: `chrome-extension://${ID}/extension/popup.html`, origin: `chrome-extension://${ID}` };
const FIREFOX_SELF: ExtensionSelf = { id: 'sso-launcher@sso-launcher.dev', baseUrl: 'moz-extension://6f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b/' };

/** Senders that must never be answered, each with why. */
const HOSTILE: Array<[string, SenderLike | undefined]> = [
  ['no sender', undefined],
  ['no id', { url: POPUP.url }],
  ['another extension id', { ...POPUP, id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk' }],
  ['our id, a look-alike host', { id: ID, url: `chrome-extension://${ID}.evil.com/extension/popup.html` }],
  ['our id, a look-alike host with a port', { id: ID, url: `chrome-extension://${ID}:443/extension/popup.html` }],
  ['our id, user info before the host', { id: ID, url: `chrome-extension://${ID}@evil.com/extension/popup.html` }],
  ['our id, another extension URL', { id: ID, url: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/popup.html' }],
  ['a web page (content script)', { id: ID, url: 'https://evil.example/', origin: 'https://evil.example' }],
  ['a web page whose path names us', { id: ID, url: `https://evil.example/chrome-extension://${ID}/` }],
  ['a data: URL', { id: ID, url: 'data:text/html,<script>chrome.runtime.sendMessage()</script>' }],
  ['a file: URL', { id: ID, url: 'file:///home/agent/evil.html' }],
  ['about:blank', { id: ID, url: 'about:blank' }],
  ['a URL that does not parse', { id: ID, url: 'chrome-extension://' }],
  ['our page, but Chrome says another origin', { ...POPUP, origin: 'https://evil.example' }],
  ['our page in a frame', { ...POPUP, frameId: 3 }],
];

function spyTable() {
  const calls: unknown[] = [];
  const table = {
    async echo(arg: { text: string }) {
      calls.push(arg);
      return { echoed: arg.text };
    },
    async nothing() {
      calls.push('nothing');
    },
    async expired(): Promise<never> {
      throw new SessionExpiredError();
    },
    async broken(): Promise<never> {
      throw new RangeError('out of range');
    },
  } satisfies MessageTable;
  return { table, calls };
}

const request = (name: string, arg?: unknown): MessageRequest => ({ channel: CHANNEL, name, ...(arg === undefined ? {} : { arg }) });

describe('isOwnPage', () => {
  it("accepts the extension's own pages: the popup, and a page in a tab's top frame", () => {
    expect(isOwnPage(POPUP, SELF)).to.equal(true);
    expect(isOwnPage({ ...POPUP, url: `chrome-extension://${ID}/extension/options.html`, frameId: 0 }, SELF)).to.equal(true);
    // Firefox sends no `origin`.
    expect(isOwnPage({ id: FIREFOX_SELF.id, url: `${FIREFOX_SELF.baseUrl}extension/popup.html` }, FIREFOX_SELF)).to.equal(true);
  });

  for (const [why, sender] of HOSTILE) {
    it(`refuses ${why}`, () => {
      expect(isOwnPage(sender, SELF)).to.equal(false);
    });
  }

  it('refuses everything when the extension does not know its own id or base URL', () => {
    expect(isOwnPage({ ...POPUP, id: '' }, { ...SELF, id: '' })).to.equal(false);
    // Without the trailing slash, a prefix test would let chrome-extension://<id>.evil.com/ through.
    const noSlash = { ...SELF, baseUrl: `chrome-extension://${ID}` };
    expect(isOwnPage({ id: ID, url: `chrome-extension://${ID}.evil.com/` }, noSlash)).to.equal(false);
    expect(isOwnPage(POPUP, noSlash)).to.equal(false);
    expect(isOwnPage(POPUP, { ...SELF, baseUrl: '' })).to.equal(false);
  });
});

describe('dispatch', () => {
  for (const [why, sender] of HOSTILE) {
    it(`does not answer, nor run the handler, for ${why}`, () => {
      const { table, calls } = spyTable();
      expect(dispatch(table, request('nothing'), sender, SELF)).to.equal(undefined);
      expect(calls).to.deep.equal([]);
    });
  }

  it('ignores messages that are not on our channel', () => {
    const { table, calls } = spyTable();
    expect(dispatch(table, { name: 'nothing' }, POPUP, SELF)).to.equal(undefined);
    expect(dispatch(table, { channel: 'other', name: 'nothing' }, POPUP, SELF)).to.equal(undefined);
    expect(dispatch(table, 'nothing', POPUP, SELF)).to.equal(undefined);
    expect(dispatch(table, null, POPUP, SELF)).to.equal(undefined);
    expect(calls).to.deep.equal([]);
  });

  it('runs the named handler with its argument and answers its value', async () => {
    const { table, calls } = spyTable();
    expect(await dispatch(table, request('echo', { text: 'hi' }), POPUP, SELF)).to.deep.equal({ ok: true, value: { echoed: 'hi' } });
    expect(calls).to.deep.equal([{ text: 'hi' }]);
  });

  it('answers an unknown name with an error, and never reaches inherited properties', async () => {
    const { table } = spyTable();
    for (const name of ['nope', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const reply = await dispatch(table, request(name), POPUP, SELF);
      expect(reply).to.deep.equal({ ok: false, error: { name: 'TypeError', code: 'UNKNOWN', message: `Unknown message "${name}"` } });
    }
  });

  it('answers a thrown error as {name, code, message}', async () => {
    const { table } = spyTable();
    expect(await dispatch(table, request('expired'), POPUP, SELF)).to.deep.equal({
      ok: false,
      error: { name: 'SessionExpiredError', code: ErrorCode.SessionExpired, message: 'Your session has expired. Please sign in again.' },
    });
    expect(await dispatch(table, request('broken'), POPUP, SELF)).to.deep.equal({
      ok: false,
      error: { name: 'RangeError', code: 'UNKNOWN', message: 'out of range' },
    });
  });
});

describe('createCaller', () => {
  /** A caller wired to the table through dispatch, as runtime.sendMessage would be, from `sender`. */
  function wired(sender: SenderLike) {
    const { table, calls } = spyTable();
    const sent: MessageRequest[] = [];
    const call = createCaller<typeof table>(async (message) => {
      sent.push(message);
      // Through JSON, as Chrome carries messages.
      return JSON.parse(JSON.stringify((await dispatch(table, message, sender, SELF)) ?? null));
    });
    return { call, calls, sent };
  }

  it('calls by name and returns the typed value', async () => {
    const { call, sent } = wired(POPUP);
    const value: { echoed: string } = await call('echo', { text: 'hello' });
    expect(value).to.deep.equal({ echoed: 'hello' });
    expect(sent).to.deep.equal([{ channel: CHANNEL, name: 'echo', arg: { text: 'hello' } }]);
    expect(await call('nothing')).to.equal(undefined);
    expect(sent[1]).to.deep.equal({ channel: CHANNEL, name: 'nothing' });
  });

  it('rebuilds errors so that the core guards hold across the boundary', async () => {
    const { call } = wired(POPUP);
    const error = await rejection(call('expired'));
    expect(isSsoError(error, ErrorCode.SessionExpired)).to.equal(true);
    expect(error).to.include({ name: 'SessionExpiredError', message: 'Your session has expired. Please sign in again.' });
    const other = await rejection(call('broken'));
    expect(isSsoError(other)).to.equal(false);
    expect(other).to.include({ name: 'RangeError', message: 'out of range' });
  });

  it('fails clearly when nobody answers (a hostile sender gets no reply)', async () => {
    const { call, calls } = wired({ ...POPUP, url: 'https://evil.example/' });
    const error = await rejection(call('nothing'));
    expect((error as Error).message).to.equal('The background did not answer "nothing"');
    expect(calls).to.deep.equal([]);
  });

  it('does not trust a malformed reply', async () => {
    for (const reply of [undefined, null, 'ok', { ok: 'yes' }, { ok: false }, { ok: false, error: { message: 'x' } }]) {
      const call = createCaller<{ anything(): Promise<void> }>(async () => reply);
      const error = await rejection(call('anything'));
      expect((error as Error).message).to.equal('The background did not answer "anything"');
    }
  });
});
