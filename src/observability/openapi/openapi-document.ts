import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import type { AppConfig } from '../../config/app-config.js';
import type { RouteAccess } from '../../shared/auth/route-access.js';
import { type CataloguedRoute, routeCatalogue } from './route-catalogue.js';

type Operation = Record<string, unknown> & { parameters?: Record<string, unknown>[]; responses?: Record<string, unknown> };

const ERROR_BODY = {
  type: 'object',
  required: ['error', 'code', 'requestId'],
  properties: {
    error: { type: 'string', description: 'Human text; the kici CLI prints it' },
    code: { type: 'string', description: '`MODULE.REASON`' },
    requestId: { type: 'string' },
  },
  additionalProperties: true,
};
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** OpenAPI path form of a Nest path: `/orgs/:orgId` → `/orgs/{orgId}`. */
export const openApiPath = (nestPath: string): string => nestPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The access rule in words, as `x-kici-access` says it (`org runs.write`, `public`, `user oidc|pat`). */
export function describeAccess(access: RouteAccess | undefined): string {
  if (!access) return 'undeclared';
  switch (access.kind) {
    case 'public':
      return 'public';
    case 'user':
      return `user ${access.credentials.join('|')}`;
    case 'org':
      if (access.anyOf?.length) return `org ${access.anyOf.map((option) => `${option.resource}.${option.level}`).join('|')}`;
      return access.permission ? `org ${access.permission.resource}.${access.permission.level}` : 'org member';
  }
}

/** A zod schema as the JSON Schema (2020-12, what OpenAPI 3.1 uses) of what a client may send. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function responsesFor(route: CataloguedRoute): Record<string, unknown> {
  const responses: Record<string, unknown> = { '400': errorResponse('Invalid input (`fields` lists each problem)') };
  if (route.access?.kind !== 'public') {
    responses['401'] = errorResponse('Missing, malformed, expired or revoked credential');
    responses['403'] = errorResponse(route.access?.kind === 'org' ? `Not a member of the organization, or missing ${describeAccess(route.access).slice(4)}` : 'Credential kind not accepted here');
  }
  if (route.path.includes(':')) responses['404'] = errorResponse('Not found');
  responses['413'] = errorResponse('Body larger than the limit');
  responses['500'] = errorResponse('Unexpected failure (no internals in the body)');
  return responses;
}

/** Adds to one generated operation what only our metadata knows: access, input schemas, error answers. */
function enrich(operation: Operation, route: CataloguedRoute): void {
  operation['x-kici-access'] = describeAccess(route.access);
  if (route.access?.kind !== 'public') operation.security = [{ bearer: [] }];
  const parameters: Record<string, unknown>[] = [];
  for (const name of [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!)) {
    const schema = route.inputs.params[name];
    parameters.push({ name, in: 'path', required: true, schema: schema ? jsonSchema(schema) : { type: 'string' } });
  }
  if (route.inputs.query) {
    const query = jsonSchema(route.inputs.query) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
  }
  operation.parameters = parameters;
  if (route.inputs.body) {
    operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.inputs.body) } } };
  }
  operation.responses = { ...(operation.responses ?? {}), ...responsesFor(route) };
}

/**
 * The OpenAPI 3.1 document of every HTTP route, generated from the code: `@nestjs/swagger` reads the
 * controllers; each operation then gets its access rule (`x-kici-access`), the zod schemas its input is
 * validated with, and the error answers of the spec's error body.
 */
export function buildOpenApiDocument(app: INestApplication, config: AppConfig, version: string): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('KiCI Platform API')
    .setDescription('Control plane of KiCI: organizations, members, permissions, tokens, runs, webhooks, orchestrators.')
    .setVersion(version)
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'PAT (kici_pat_), API key (kici_sk_), service-account key (kici_sa_) or OIDC access token' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, builder);
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), Error: ERROR_BODY } };
  const paths = document.paths as Record<string, Record<string, Operation>>;
  for (const route of routeCatalogue(app, config.http.basePath)) {
    const item = (paths[openApiPath(route.path)] ??= {});
    const operation = (item[route.method.toLowerCase()] ??= { responses: { '200': { description: 'OK' } } });
    enrich(operation, route);
  }
  return document;
}
