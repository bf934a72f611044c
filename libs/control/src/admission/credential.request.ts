import { ApiError } from '@netpulse/contracts';
import { CredentialError, CredentialRef, CredentialResolver } from '@netpulse/credentials';

/** A request's `credential`, vetted: 400 with the reason (disabled, unknown provider, path not allowed, ...). */
export function checkCredential(resolver: CredentialResolver, raw: unknown): CredentialRef {
  try {
    return resolver.check(raw);
  } catch (err) {
    if (err instanceof CredentialError) throw ApiError.badRequest(err.message);
    throw err;
  }
}

/** connection_args with the reference's secrets merged in, now (for `POST /device/test`): 400 when that fails. */
export async function resolveCredential(resolver: CredentialResolver, ref: CredentialRef, connectionArgs: Record<string, unknown>): Promise<Record<string, unknown>> {
  try {
    return await resolver.resolve(ref, connectionArgs);
  } catch (err) {
    if (err instanceof CredentialError) throw ApiError.badRequest(err.message);
    throw err;
  }
}
