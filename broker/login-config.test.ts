// The broker's `signIn` section ("Sign in with Rechat"): checked, and read from the environment.
// Run: npx wtr --files broker/login-config.test.ts
import { expect } from '@open-wc/testing';
import { BrokerConfigError, configFromEnv, parseBrokerConfig } from './config.ts';
import { testBrokerConfig } from '../test/helpers/broker.ts';

const ENV = { RECHAT_API_BASE: 'https://api.rechat.com', RECHAT_CLIENT_ID: 'client', RECHAT_CLIENT_SECRET: 'secret-value', BROKER_ALLOWED_ORIGINS: 'https://intranet.example' };

describe('broker configuration: signIn', () => {
  it('reads RECHAT_REDIRECT_URI, RECHAT_AUTHORIZE_URL and RECHAT_EXTENSION_REDIRECT_URIS', () => {
    const config = configFromEnv({
      ...ENV,
      RECHAT_REDIRECT_URI: 'https://intranet.example/broker/callback',
      RECHAT_EXTENSION_REDIRECT_URIS: 'https://abc.chromiumapp.org/, https://def.extensions.allizom.org/',
    });
    expect(config.signIn).to.deep.equal({
      redirectUri: 'https://intranet.example/broker/callback',
      extensionRedirectUris: ['https://abc.chromiumapp.org/', 'https://def.extensions.allizom.org/'],
    });
    expect(configFromEnv(ENV).signIn).to.equal(undefined);
  });

  it('names the variable of a bad value, never the value', () => {
    let error: unknown;
    try {
      configFromEnv({ ...ENV, RECHAT_AUTHORIZE_URL: 'https://app.rechat.com/oauth2/auth' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(BrokerConfigError);
    expect((error as BrokerConfigError).problems).to.deep.equal(['RECHAT_REDIRECT_URI: required']);
  });

  it('refuses a redirect URI with a fragment or that is not http(s)', () => {
    for (const redirectUri of ['https://intranet.example/broker/callback#x', 'javascript:alert(1)', 'callback']) {
      expect(() => parseBrokerConfig({ ...testBrokerConfig(), signIn: { redirectUri } }), redirectUri).to.throw(BrokerConfigError, 'signIn.redirectUri');
    }
  });
});
