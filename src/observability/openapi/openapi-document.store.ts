import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Holds the OpenAPI document, built on first request from a factory set once the application is
 * initialised (the routes must all be registered; building it at start would only slow start-up).
 */
@Injectable()
export class OpenApiDocumentStore {
  private factory: (() => OpenAPIObject) | null = null;
  private document: OpenAPIObject | null = null;

  setFactory(factory: () => OpenAPIObject): void {
    this.factory = factory;
    this.document = null;
  }

  get(): OpenAPIObject {
    if (!this.factory) throw new Error('OpenAPI document requested before the application finished starting');
    this.document ??= this.factory();
    return this.document;
  }
}
