import { Controller, Get } from '@nestjs/common';
import { Public } from '../../shared/auth/route-access.js';
import { OpenApiDocumentStore } from './openapi-document.store.js';

/** `<base>/api/v1/openapi.json`: the API described (public, like the routes list it documents). */
@Controller('api/v1')
@Public()
export class OpenApiController {
  constructor(private readonly store: OpenApiDocumentStore) {}

  @Get('openapi.json')
  document(): Record<string, unknown> {
    return this.store.get() as unknown as Record<string, unknown>;
  }
}
