// RS256 JSON Web Tokens (RFC 7515/7519) for the OIDC and STS stand-ins, on node:crypto alone.
import { createSign, createVerify, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type JwtClaims = Record<string, unknown>;

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomUUID(), privateKey, publicKey };
}

/** A JSON Web Key Set holding the public half of `key`, as an OIDC issuer publishes it. */
export function jwksOf(key: SigningKey): { keys: Record<string, unknown>[] } {
  return { keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, alg: 'RS256', use: 'sig' }] };
}

export function signJwt(claims: JwtClaims, key: SigningKey): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

export type JwtCheck = { ok: true; claims: JwtClaims } | { ok: false; reason: string };

/** Checks the shape, the RS256 signature against `publicKey`, and `exp`/`nbf` against `nowSeconds`. */
export function verifyJwt(token: string, publicKey: KeyObject, nowSeconds = Date.now() / 1000): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT (expected three dot-separated parts)' };
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const header = decodeJson(headerPart);
  const claims = decodeJson(claimsPart);
  if (!header || !claims) return { ok: false, reason: 'JWT header or claims are not base64url JSON objects' };
  if (header.alg !== 'RS256') return { ok: false, reason: `unsupported JWT alg ${String(header.alg)}` };
  const signatureOk = createVerify('RSA-SHA256')
    .update(`${headerPart}.${claimsPart}`)
    .verify(publicKey, Buffer.from(signaturePart, 'base64url'));
  if (!signatureOk) return { ok: false, reason: 'JWT signature does not verify against the issuer key' };
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return { ok: false, reason: 'JWT has expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + 60) {
    return { ok: false, reason: 'JWT is not valid yet (nbf)' };
  }
  return { ok: true, claims };
}

/** The claims of a JWT without checking anything (for tests that inspect a token). */
export function decodeJwtClaims(token: string): JwtClaims | undefined {
  return decodeJson(token.split('.')[1] ?? '');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decodeJson(part: string): JwtClaims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}
