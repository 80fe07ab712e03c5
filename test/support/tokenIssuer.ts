import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

/**
 * A stand-in for the Bot Framework's token service: an OpenID configuration and a JWKS on
 * 127.0.0.1, and RS256 tokens signed with a key made for the test. Nothing leaves the machine.
 */
export interface LocalTokenIssuer {
  /** Unique per issuer: botbuilder caches OpenID metadata per URL for the whole process. */
  metadataUrl: string;
  issuer: string;
  sign(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  /** A key the JWKS does not publish, for forged tokens. */
  strangerKey: KeyObject;
  close(): Promise<void>;
}

/**
 * Channels the Bot Framework's real signing keys endorse (among others; see the December 2026
 * security report, H2). So a valid token proves the Bot Connector sent the activity, not that it
 * came from Teams, and tests of the channel check need a key that endorses the others too.
 */
export const REAL_KEY_ENDORSEMENTS = ['msteams', 'webchat', 'directline'];

export async function startLocalTokenIssuer(issuer = 'https://api.botframework.test', endorsements = REAL_KEY_ENDORSEMENTS): Promise<LocalTokenIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = publicKey.export({ format: 'jwk' });
  const prefix = `/${randomUUID()}`;
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === `${prefix}/.well-known/openidconfiguration`) {
      res.end(JSON.stringify({ issuer, jwks_uri: `${base}${prefix}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === `${prefix}/keys`) {
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    metadataUrl: `${base}${prefix}/.well-known/openidconfiguration`,
    issuer,
    strangerKey: stranger.privateKey,
    sign(claims, options = {}) {
      const header = { alg: 'RS256', typ: 'JWT', kid: options.kid ?? kid };
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: issuer, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims };
      const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
      const signature = createSign('RSA-SHA256').update(unsigned).sign(options.key ?? privateKey);
      return `${unsigned}.${signature.toString('base64url')}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
