import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig, roleAllows } from '@netpulse/config';
import { ApiError } from '@netpulse/contracts';
import { setRequestActor } from '@netpulse/observability';
import { DeviceProtectionStore } from '@netpulse/state';
import type { Request } from 'express';
import { ACCESS_METADATA, RouteAccess } from './access.decorator';
import { ApiKeyIdentity, ApiKeyring } from './api-keyring.service';
import { ClientAddressResolver } from './client-address.resolver';

const identities = new WeakMap<Request, ApiKeyIdentity>();

/** The key a request was accepted with (undefined on public routes). */
export function apiKeyOf(req: Request): ApiKeyIdentity | undefined {
  return identities.get(req);
}

/**
 * The API key from the query, a header or a cookie, all under `server.api_key_name`. No known key:
 * 403 `{"detail": "Invalid or missing API key."}` (the original's body). A known key whose role is
 * below the route's: 403 naming the role the route needs.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly name: string;

  constructor(
    private readonly config: AppConfig,
    private readonly limits: DeviceProtectionStore,
    private readonly clients: ClientAddressResolver,
    private readonly keyring: ApiKeyring,
    private readonly reflector: Reflector,
  ) {
    this.name = config.value.server.api_key_name;
  }

  // Synchronous for a valid key (Nest then awaits nothing); a refusal may wait for the failure count.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // A route that forgot its declaration is kept for full-access keys rather than opened.
    const access = this.reflector.get<RouteAccess | undefined>(ACCESS_METADATA, context.getHandler()) ?? 'admin';
    if (access === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const key = this.keyring.match(this.candidates(req));
    if (!key) return this.refuse(req);
    if (!roleAllows(key.role, access)) {
      throw new ApiError(403, { detail: `This route needs the '${access}' role; the API key '${key.name}' has the '${key.role}' role` });
    }
    identities.set(req, key);
    const route = (req.route as { path?: unknown } | undefined)?.path;
    setRequestActor({ key: key.name, client: this.clients.of(req), route: `${req.method} ${typeof route === 'string' ? route : req.path}` });
    return true;
  }

  /** No known key: 403, or 429 past the address's failure budget. */
  private async refuse(req: Request): Promise<never> {
    // Only failures are counted and throttled: a valid key is never refused because others behind
    // the same address (NAT, proxy) keep sending wrong ones, and a valid request costs no Redis trip.
    const limit = this.config.value.security.auth_rate_limit;
    if (limit > 0 && (await this.limits.apiAuthFailed(this.clients.of(req))) > limit) {
      throw new ApiError(429, { detail: 'Too many failed API key attempts from this address; try again in a minute' });
    }
    throw ApiError.forbidden();
  }

  private candidates(req: Request): (string | undefined)[] {
    const q = req.query[this.name];
    const header = req.headers[this.name.toLowerCase()];
    return [typeof q === 'string' ? q : undefined, typeof header === 'string' ? header : undefined, cookie(req.headers.cookie, this.name)];
  }
}

function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return part.slice(i + 1).trim();
      }
    }
  }
  return undefined;
}
