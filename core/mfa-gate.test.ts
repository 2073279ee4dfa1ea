import { expect } from '@open-wc/testing';
import { rejection } from '../test/helpers/assert.ts';
import { MfaGate } from './mfa-gate.ts';

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
};

describe('MfaGate', () => {
  it('is open unless MFA is required, and a wait on an open gate answers at once', async () => {
    const gate = new MfaGate();
    expect(gate.closed).to.equal(false);
    expect(await settled(gate.wait())).to.equal(true);
  });

  it('holds calls while MFA is required and lets them go once the state leaves it and was announced', async () => {
    const gate = new MfaGate();
    gate.follow('mfa-required')();
    const waiting = gate.wait();
    expect(gate.closed).to.equal(true);
    expect(await settled(waiting)).to.equal(false);
    const open = gate.follow('signed-in');
    expect(gate.closed).to.equal(false);
    expect(await settled(waiting)).to.equal(false, 'not before open() is called');
    open();
    expect(await settled(waiting)).to.equal(true);
  });

  it('fails the waiting calls when the session ends, and is open afterwards', async () => {
    const gate = new MfaGate();
    gate.follow('mfa-required');
    const waiting = gate.wait();
    const error = new Error('Signed out.');
    gate.fail(error);
    expect(await rejection(waiting)).to.equal(error);
    expect(gate.closed).to.equal(false);
  });

  it('a call that gives up (its signal aborts) stops waiting; the gate stays closed for the others', async () => {
    const gate = new MfaGate();
    gate.follow('mfa-required');
    const abort = new AbortController();
    const waiting = gate.wait(abort.signal);
    abort.abort(new Error('gave up'));
    expect(((await rejection(waiting)) as Error).message).to.equal('gave up');
    expect(gate.closed).to.equal(true);
  });
});
