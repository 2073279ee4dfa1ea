import { expect } from '@open-wc/testing';
import { launcherView } from './launcher-view.ts';

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
