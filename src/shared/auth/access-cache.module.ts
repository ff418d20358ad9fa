import { Global, Module } from '@nestjs/common';
import { AccessCache } from './access-cache.js';

/** The one access cache of the process, for the authentication and organization-context lookups. */
@Global()
@Module({ providers: [AccessCache], exports: [AccessCache] })
export class AccessCacheModule {}
