/**
 * A credential that says when its first token is in hand: the schema's request goes out then, and the
 * language server's bound on holding unknown names counts from that moment, not from the sign-in's start
 * (the consent and sign-in dialogs took longer than the whole bound).
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

export function tellingWhenReady(credential: TokenCredential, onReady: () => void): TokenCredential {
  let told = false;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const token = await credential.getToken(scopes, options);
      // Once: a retry's second token is not a new request's start.
      if (!told && token) {
        told = true;
        onReady();
      }
      return token;
    },
  };
}
