import { expect } from '@open-wc/testing';
import { ValidationError } from '../errors.ts';
import { parseWith } from '../schema.ts';
import {
  BrandSchema,
  MfaSetupResponseSchema,
  SsoAppListSchema,
  SsoAppSchema,
  TokenResponseSchema,
  UserSchema,
  appBrandIds,
  envelope,
} from './schemas.ts';
import { CHILD_BRAND_ID, PARENT_BRAND_ID } from '../../test/helpers/core.ts';
import { validApp, validUser } from '../../test/helpers/fixtures.ts';

/** The first issue of a failed parse. */
function issue(schema: Parameters<typeof parseWith>[0], value: unknown) {
  try {
    parseWith(schema, value, 'test');
  } catch (error) {
    expect(error).to.be.instanceOf(ValidationError);
    return (error as ValidationError).issues[0]!;
  }
  throw new Error('expected a ValidationError');
}

describe('Rechat schemas', () => {
  it('a token response parses, with or without the user, and tolerates unknown fields by dropping them', () => {
    const withUser = parseWith(
      TokenResponseSchema,
      { access_token: 'a', refresh_token: 'r', expires_in: 3600, token_type: 'Bearer', code: 'OK', data: { ...validUser, features: ['Deals'] }, extra: 1 },
      'test',
    );
    expect(withUser.data).to.deep.equal(validUser);
    expect(withUser).not.to.have.property('extra');
    expect(parseWith(TokenResponseSchema, { access_token: 'a', refresh_token: 'r', expires_in: 1 }, 'test').data).to.equal(undefined);
  });

  it('a token response without tokens, with empty ones, or with a lifetime that is not positive fails on that field', () => {
    expect(issue(TokenResponseSchema, { refresh_token: 'r', expires_in: 1 }).path).to.equal('access_token');
    expect(issue(TokenResponseSchema, { access_token: '', refresh_token: 'r', expires_in: 1 }).path).to.equal('access_token');
    expect(issue(TokenResponseSchema, { access_token: 'a', refresh_token: '', expires_in: 1 }).path).to.equal('refresh_token');
    expect(issue(TokenResponseSchema, { access_token: 'a', refresh_token: 'r', expires_in: 0 }).path).to.equal('expires_in');
    expect(issue(TokenResponseSchema, { access_token: 'a', refresh_token: 'r', expires_in: '3600' }).path).to.equal('expires_in');
    expect(issue(TokenResponseSchema, { access_token: 'a', refresh_token: 'r', expires_in: 1, data: { id: 'u' } }).path).to.equal('data.email');
  });

  it('a user needs an id and an email; the optional fields may be null', () => {
    const env = envelope(UserSchema);
    expect(parseWith(env, { code: 'OK', data: { id: 'u', email: 'e', display_name: null, timezone: null } }, 't').data.id).to.equal('u');
    expect(issue(env, { code: 'OK', data: { id: 7, email: 'e' } })).to.deep.equal({ path: 'data.id', message: 'expected string' });
    expect(issue(env, { code: 'OK', data: { id: 'u', email: 'e', mfa_enabled: 'yes' } }).path).to.equal('data.mfa_enabled');
    expect(issue(env, { code: 'OK' }).path).to.equal('data');
    expect(issue(env, null).path).to.equal('');
  });

  it('an app list names the bad field by its path, such as data[0].name', () => {
    const list = parseWith(SsoAppListSchema, { code: 'OK', data: [validApp], info: { count: 1, total: 1 } }, 't');
    expect(list.data[0]).to.deep.equal(validApp);
    expect(issue(SsoAppListSchema, { data: [validApp, { ...validApp, name: 42 }] })).to.deep.equal({ path: 'data[1].name', message: 'expected string' });
    expect(issue(SsoAppListSchema, { data: [{ ...validApp, open_url: undefined }] }).path).to.equal('data[0].open_url');
    expect(issue(SsoAppListSchema, { data: [{ ...validApp, brands: [PARENT_BRAND_ID, 5] }] }).path).to.equal('data[0].brands[1]');
    expect(issue(SsoAppListSchema, { data: {} }).path).to.equal('data');
    const error = (() => {
      try {
        parseWith(SsoAppListSchema, { data: [{ ...validApp, name: 42 }] }, 'response of GET https://a/x');
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('expected a ValidationError');
    })();
    expect(error.message).to.equal('Invalid response of GET https://a/x: data[0].name: expected string');
  });

  it('an app may list its brands as ids or as brand objects; appBrandIds reads both', () => {
    const asObjects = parseWith(SsoAppSchema, { ...validApp, brands: [{ id: PARENT_BRAND_ID, name: 'Office', extra: 1 }, CHILD_BRAND_ID] }, 't');
    expect(appBrandIds(asObjects)).to.deep.equal([PARENT_BRAND_ID, CHILD_BRAND_ID]);
    expect(appBrandIds({ brands: null })).to.deep.equal([]);
    expect(appBrandIds({})).to.deep.equal([]);
  });

  it('a brand has an id and a name; its parent and parents are optional', () => {
    expect(parseWith(BrandSchema, { id: 'b', name: 'Team', parent: { id: 'p', name: 'Office', parent: null }, parents: ['p'] }, 't').parent).to.deep.equal({
      id: 'p',
      name: 'Office',
    });
    expect(issue(BrandSchema, { id: 'b' }).path).to.equal('name');
  });

  it('MFA setup needs an otpauth://totp/ URI; the QR code may be empty or missing', () => {
    const ok = parseWith(MfaSetupResponseSchema, { code: 'OK', data: { ...validUser, mfa_url: 'otpauth://totp/R:a?secret=ABC', mfa_qr_code: '' } }, 't');
    expect(ok.data.mfa_url).to.equal('otpauth://totp/R:a?secret=ABC');
    expect(issue(MfaSetupResponseSchema, { data: { ...validUser, mfa_url: 'https://evil.example/' } }).path).to.equal('data.mfa_url');
    expect(issue(MfaSetupResponseSchema, { data: { ...validUser } }).path).to.equal('data.mfa_url');
  });
});
