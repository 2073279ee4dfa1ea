// "Sign in with Rechat" popup handling (rechat-sign-in.ts): which messages count, the redirect fallback,
// and the closed popup. The window is a stand-in object here, so each case is exact; the real popup,
// blocker and broker run in test/e2e/rechat-sign-in.test.ts. Run: npx wtr --files components/rechat-sign-in.test.ts
import { expect } from '@open-wc/testing';
import { loginUrl, SIGNED_IN_MESSAGE, startRechatSignIn } from './rechat-sign-in.ts';

const PAGE = 'https://intranet.example/launcher?x=1';
const BROKER = 'https://intranet.example/broker';

/** A window that records what is opened and assigned, and delivers messages to its listeners. */
function fakeWindow(options: { blocked?: boolean } = {}) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const popup = { closed: false, focus() {} } as unknown as Window & { closed: boolean };
  const timers: Array<() => void> = [];
  const win = {
    location: { href: PAGE, assign: (url: string) => assigned.push(url) },
    open: (url: string) => {
      opened.push(url);
      return options.blocked ? null : popup;
    },
    addEventListener: (_: string, listener: (event: MessageEvent) => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: (event: MessageEvent) => void) => listeners.delete(listener),
    setInterval: (fn: () => void) => timers.push(fn),
    clearInterval: () => (timers.length = 0),
  } as unknown as Window;
  const opened: string[] = [];
  const assigned: string[] = [];
  const post = (data: unknown, origin: string, source: unknown = popup) => {
    for (const listener of [...listeners]) listener({ data, origin, source } as MessageEvent);
  };
  const tick = () => timers.forEach((fn) => fn());
  return { win, popup, opened, assigned, post, tick, listeners };
}

describe('startRechatSignIn', () => {
  it('opens the broker’s login in a popup with return_to and popup=1', () => {
    const w = fakeWindow();
    const flow = startRechatSignIn({ broker: BROKER, onDone: () => undefined, win: w.win });
    expect(flow.mode).to.equal('popup');
    expect(w.opened).to.deep.equal([loginUrl(BROKER, PAGE, true)]);
    expect(new URL(w.opened[0]!).searchParams.get('return_to')).to.equal(PAGE);
    expect(new URL(w.opened[0]!).searchParams.get('popup')).to.equal('1');
  });

  it('falls back to a full-page redirect that comes back to this page when the popup is refused', () => {
    const w = fakeWindow({ blocked: true });
    const flow = startRechatSignIn({ broker: BROKER, onDone: () => undefined, win: w.win });
    expect(flow.mode).to.equal('redirect');
    expect(w.assigned).to.deep.equal([`${BROKER}/login?return_to=${encodeURIComponent(PAGE)}`]);
  });

  it('counts only the broker’s own popup, from the broker’s origin, with the exact message; once', () => {
    const w = fakeWindow();
    const done: string[] = [];
    startRechatSignIn({ broker: BROKER, onDone: (outcome) => done.push(outcome), win: w.win });
    w.post({ type: SIGNED_IN_MESSAGE }, 'https://evil.example');
    w.post({ type: SIGNED_IN_MESSAGE }, 'https://intranet.example', {});
    w.post({ type: 'something-else' }, 'https://intranet.example');
    w.post('sso-launcher:signed-in', 'https://intranet.example');
    expect(done).to.deep.equal([]);
    w.post({ type: SIGNED_IN_MESSAGE }, 'https://intranet.example');
    w.post({ type: SIGNED_IN_MESSAGE }, 'https://intranet.example');
    expect(done).to.deep.equal(['signed-in']);
    expect(w.listeners.size).to.equal(0);
  });

  it('asks the broker anyway when the popup is closed without a word (its opener link may have been cut)', () => {
    const w = fakeWindow();
    const done: string[] = [];
    startRechatSignIn({ broker: BROKER, onDone: (outcome) => done.push(outcome), win: w.win });
    w.tick();
    expect(done).to.deep.equal([]);
    w.popup.closed = true;
    w.tick();
    expect(done).to.deep.equal(['closed']);
  });

  it('cancel() stops listening', () => {
    const w = fakeWindow();
    const done: string[] = [];
    startRechatSignIn({ broker: BROKER, onDone: (outcome) => done.push(outcome), win: w.win }).cancel();
    w.post({ type: SIGNED_IN_MESSAGE }, 'https://intranet.example');
    expect(done).to.deep.equal([]);
  });
});
