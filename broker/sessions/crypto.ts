/**
 * Session values at rest: AES-256-GCM with the configured key (WebCrypto, so the broker still runs
 * wherever `crypto.subtle` does). Each value gets a fresh 96-bit IV, and the record's Redis key is
 * bound in as additional data, so a ciphertext moved to another session's key does not decrypt.
 *
 * Stored form: `v1.<iv base64url>.<ciphertext+tag base64url>`.
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf (GCM, 96-bit IVs)
 * @module
 */

const enc = new TextEncoder();
const dec = new TextDecoder();

function b64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const normalised = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(normalised.padEnd(Math.ceil(normalised.length / 4) * 4, '=')), (ch) => ch.charCodeAt(0));
}

/** A value that does not decrypt: tampered with, another key's, or not ours. */
export class SessionDecryptError extends Error {
  constructor() {
    super('A stored session could not be decrypted.');
    this.name = 'SessionDecryptError';
  }
}

/** Encrypts and decrypts session values with one key. */
export interface SessionCipher {
  seal(plain: string, aad: string): Promise<string>;
  /** @throws {SessionDecryptError} */
  open(sealed: string, aad: string): Promise<string>;
}

/** The cipher for a 32-byte key. */
export async function createSessionCipher(rawKey: Uint8Array): Promise<SessionCipher> {
  if (rawKey.length !== 32) throw new TypeError('"rawKey" must be 32 bytes');
  const key = await crypto.subtle.importKey('raw', new Uint8Array(rawKey), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return {
    async seal(plain, aad) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(aad) }, key, enc.encode(plain));
      return `v1.${b64url(iv)}.${b64url(new Uint8Array(sealed))}`;
    },
    async open(sealed, aad) {
      const [version, iv, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !body) throw new SessionDecryptError();
      try {
        const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromB64url(iv), additionalData: enc.encode(aad) }, key, fromB64url(body));
        return dec.decode(plain);
      } catch {
        throw new SessionDecryptError();
      }
    },
  };
}

/** 32 random bytes as base64url: session ids (the cookie's value). */
export function randomSessionId(): string {
  return b64url(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The store's key for a session id: its SHA-256, so that neither a Redis dump nor a log of keys holds
 * a cookie value that could be replayed.
 */
export async function storageId(sessionId: string): Promise<string> {
  return b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(sessionId))));
}
