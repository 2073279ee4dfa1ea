import { expect } from '@open-wc/testing';
import { launcherView } from './launcher-view.ts';
import { focusTarget } from './view-focus.ts';

describe('launcherView', () => {
  it('says unconfigured first, then starting until the session is known', () => {
    expect(launcherView(true, { status: 'signed-in' }, true)).to.deep.equal({ kind: 'unconfigured' });
    expect(launcherView(false, undefined, true)).to.deep.equal({ kind: 'starting' });
  });

  it('shows the grid when signed in, the form alone when there is no grid', () => {
    expect(launcherView(false, { status: 'signed-in' }, false)).to.deep.equal({ kind: 'ready' });
    expect(launcherView(false, { status: 'signed-out' }, false)).to.deep.equal({ kind: 'sign-in' });
    expect(launcherView(false, { status: 'mfa-required' }, false)).to.deep.equal({ kind: 'mfa' });
  });

  it('keeps a known grid, locked, under the prompt', () => {
    expect(launcherView(false, { status: 'signed-out' }, true)).to.deep.equal({ kind: 'ready', locked: 'sign-in' });
    expect(launcherView(false, { status: 'mfa-required' }, true)).to.deep.equal({ kind: 'ready', locked: 'mfa' });
  });
});

describe('focusTarget', () => {
  it('names the field the agent needs next, one array per place, and none before anything is shown', () => {
    expect(focusTarget({ kind: 'starting' })).to.equal(undefined);
    expect(focusTarget({ kind: 'unconfigured' })).to.equal(undefined);
    expect(focusTarget({ kind: 'sign-in' })![0]).to.equal('input[name="email"]');
    expect(focusTarget({ kind: 'ready', locked: 'sign-in' })).to.equal(focusTarget({ kind: 'sign-in' }));
    expect(focusTarget({ kind: 'mfa' })).to.deep.equal(['input[name="code"]']);
    expect(focusTarget({ kind: 'ready', locked: 'mfa' })).to.equal(focusTarget({ kind: 'mfa' }));
    expect(focusTarget({ kind: 'ready' })![0]).to.equal('input[name="search"]');
  });
});
