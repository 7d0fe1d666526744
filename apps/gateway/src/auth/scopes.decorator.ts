import { SetMetadata } from '@nestjs/common';
import { ApiKeyScope } from '@lib/persistence';

export const REQUIRED_SCOPE = 'requiredScope';

/** The scope a route needs; `admin` keys pass every check. Routes without it are public. */
export const RequireScope = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);
