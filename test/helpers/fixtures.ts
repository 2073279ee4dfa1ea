/** Valid Rechat response bodies, in the shapes the vendor's docs show, for schema tests and fuzzing. */
import { CHILD_BRAND_ID, PARENT_BRAND_ID } from '../../demo/simulator/index.ts';

export const validUser = { id: 'u1', email: 'agent@example.com', first_name: 'Alex', last_name: null, mfa_enabled: false };

export const validApp = {
  id: 'a1',
  name: 'Rechat CRM',
  authentication_type: 'None',
  open_url: 'https://api.example/sso_applications/open?hash=x',
  url: 'https://app.rechat.com/',
  acs_url: null,
  entity_id: null,
  order: 0,
  icon: null,
  brands: [PARENT_BRAND_ID, CHILD_BRAND_ID],
  created_at: 1769132602.102,
  updated_at: 1769132602.102,
};

export const validTokenResponse = {
  access_token: 'access',
  refresh_token: 'refresh',
  expires_in: 3600,
  token_type: 'Bearer',
  code: 'OK',
  data: validUser,
};

export const validAppList = { code: 'OK', data: [validApp, { ...validApp, id: 'a2', name: 'DocuSign', brands: [{ id: PARENT_BRAND_ID }] }], info: { count: 2, total: 2 } };

export const validUserEnvelope = { code: 'OK', data: validUser };

export const validMfaSetup = {
  code: 'OK',
  data: { ...validUser, mfa_url: 'otpauth://totp/Rechat:agent%40example.com?issuer=Rechat&secret=JBSWY3DPEHPK3PXP', mfa_qr_code: '' },
};
