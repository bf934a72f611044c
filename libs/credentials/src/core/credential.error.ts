/**
 * A credential problem, with a message fit for a client: it names the reference and the cause, never a
 * secret or a Vault token. `kind` tells where it is answered: `request` problems (unknown provider, a
 * path outside `allowed_paths`, a malformed reference) are 400s at request time; `resolve` problems
 * (not found, denied, provider unreachable) become the job's `exit_status: 1` result.
 */
export class CredentialError extends Error {
  constructor(
    readonly kind: 'request' | 'resolve',
    message: string,
  ) {
    super(message);
    this.name = 'CredentialError';
  }
}
