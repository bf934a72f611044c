import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from '@netpulse/config';

/** What a route needs: a key with at least this role, or none at all (`public`). */
export type RouteAccess = ApiRole | 'public';

export const ACCESS_METADATA = 'netpulse:access';

/**
 * Declares the role a route needs; every route has exactly one (a test checks the router). A route
 * without it is refused to every key but a full-access one.
 */
export const Access = (access: RouteAccess): MethodDecorator => SetMetadata(ACCESS_METADATA, access);
