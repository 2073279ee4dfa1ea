import { expect } from '@open-wc/testing';
import { HttpError, ValidationError } from '../errors.ts';
import { parseOtpauthUri, removeMfa, setupMfa, verifyMfa } from './mfa.ts';
import { rejection } from '../../test/helpers/assert.ts';
import { DEMO_PASSWORD, USERS, coreHarness, signedInHarness, totp, wrongTotp } from '../../test/helpers/core.ts';

describe('Rechat MFA', () => {
  describe('parseOtpauthUri', () => {
    it('reads the secret (upper-cased) and the label', () => {
      const uri = 'otpauth://totp/Rechat:agent%40example.com?issuer=Rechat&secret=jbswy3dpehpk3pxp&algorithm=SHA1&digits=6&period=30';
      expect(parseOtpauthUri(uri)).to.deep.equal({ uri, secret: 'JBSWY3DPEHPK3PXP', label: 'Rechat:agent@example.com' });
    });

    it('refuses what is not an otpauth URI with a base32 secret', () => {
      for (const uri of [
        'not a uri',
        'https://totp/Rechat:a?secret=JBSWY3DP',
        'otpauth://totp/Rechat:a',
        'otpauth://totp/Rechat:a?secret=',
        'otpauth://totp/Rechat:a?secret=01890189', // 0, 1, 8, 9 are not base32
        'otpauth://totp/Rechat:a?secret=JBSW%20Y3DP',
      ]) {
        const error = (() => {
          try {
            parseOtpauthUri(uri);
          } catch (e) {
            return e;
          }
          return undefined;
        })() as ValidationError;
        expect(error, uri).to.be.instanceOf(ValidationError);
        expect(error.issues[0]!.path).to.equal('data.mfa_url');
      }
    });
  });

  describe('setup, verify, remove (against the simulator)', () => {
    it('sets up MFA (an otpauth URI and its secret), verifies it, and removes it', async () => {
      const h = await signedInHarness('agent');
      const setup = await setupMfa(h.session);
      expect(setup.uri).to.match(/^otpauth:\/\/totp\//);
      expect(setup.secret).to.match(/^[A-Z2-7]{16,}$/);
      expect(setup.label).to.equal(`Rechat:${USERS.agent.email}`);
      expect(new URL(setup.uri).searchParams.get('secret')).to.equal(setup.secret);

      // Not on until verified: a new sign-in goes straight in.
      const other = coreHarness({ simulator: h.sim, clock: h.clock });
      expect((await other.session.signIn(USERS.agent.email, DEMO_PASSWORD)).status).to.equal('signed-in');

      const user = await verifyMfa(h.session, totp(setup.secret, h.clock.now()));
      expect(user.mfa_enabled).to.equal(true);
      expect(h.session.user?.mfa_enabled).to.equal(true);
      expect(h.session.state).to.include({ status: 'signed-in', reason: 'user-updated' });
      // This pair was validated by verify: calls go on without asking for a code.
      await h.client.refreshApps();

      // Now on: a new sign-in needs the code.
      const third = coreHarness({ simulator: h.sim, clock: h.clock });
      expect((await third.session.signIn(USERS.agent.email, DEMO_PASSWORD)).status).to.equal('mfa-required');

      h.clock.advance(30_000);
      await removeMfa(h.session, totp(setup.secret, h.clock.now()));
      expect(h.session.user?.mfa_enabled).to.equal(false);
      expect(h.session.state.status).to.equal('signed-in');
      const fourth = coreHarness({ simulator: h.sim, clock: h.clock });
      expect((await fourth.session.signIn(USERS.agent.email, DEMO_PASSWORD)).status).to.equal('signed-in');
      expect(h.log().filter((l) => l.includes('/mfa'))).to.deep.equal([
        'POST /users/self/mfa/setup',
        'POST /users/self/mfa/verify',
        'DELETE /users/self/mfa',
      ]);
    });

    it('a wrong code at verify or remove is an HttpError 400, and MFA stays as it was', async () => {
      const h = await signedInHarness('agent');
      const setup = await setupMfa(h.session);
      const error = (await rejection(verifyMfa(h.session, wrongTotp(setup.secret, h.clock.now())))) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect([error.status, error.serverCode]).to.deep.equal([400, 'InvalidMFAToken']);
      expect(h.session.user?.mfa_enabled).to.equal(false);
      expect(h.session.state.status).to.equal('signed-in');

      await verifyMfa(h.session, totp(setup.secret, h.clock.now()));
      const removeError = (await rejection(removeMfa(h.session, wrongTotp(setup.secret, h.clock.now())))) as HttpError;
      expect(removeError.status).to.equal(400);
      expect(h.session.user?.mfa_enabled).to.equal(true);
      expect(h.session.state.status).to.equal('signed-in');
    });

    it('a badly shaped code is a ValidationError and sends nothing', async () => {
      const h = await signedInHarness('mfaAgent');
      const before = h.sim.requests.length;
      for (const code of ['12345', 'abcdef', '', '1234567']) {
        expect(await rejection(verifyMfa(h.session, code)), code).to.be.instanceOf(ValidationError);
        expect(await rejection(removeMfa(h.session, code)), code).to.be.instanceOf(ValidationError);
      }
      expect(h.sim.requests.length).to.equal(before);
    });

    it('the MFA account signs in with a code and can turn MFA off', async () => {
      const h = await signedInHarness('mfaAgent');
      expect(h.session.user?.mfa_enabled).to.equal(true);
      await removeMfa(h.session, totp('JBSWY3DPEHPK3PXP', h.clock.now()));
      expect(h.session.user?.mfa_enabled).to.equal(false);
      const again = coreHarness({ simulator: h.sim, clock: h.clock });
      expect((await again.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD)).status).to.equal('signed-in');
    });
  });
});
