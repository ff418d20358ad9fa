import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { z } from 'zod';
import { ROUTE_ACCESS_METADATA, type RouteAccess } from '../../shared/auth/route-access.js';
import { ZodValidationPipe } from '../../shared/validation/zod-validation.pipe.js';

/** The zod schemas a route validates its input with, by part. */
export interface RouteInputs {
  body?: z.ZodType;
  query?: z.ZodType;
  params: Record<string, z.ZodType>;
}

export interface CataloguedRoute {
  readonly method: string;
  /** Nest form, with the global prefix: `/api/v1/orgs/:orgId`. */
  readonly path: string;
  readonly access: RouteAccess | undefined;
  readonly inputs: RouteInputs;
}

const join = (...parts: string[]): string => `/${parts.flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;

/** Nest's route-argument metadata: one entry per decorated parameter, with its pipes. */
interface RouteArgument {
  readonly index: number;
  readonly data?: unknown;
  readonly pipes?: unknown[];
}

/** Route-argument kinds as Nest numbers them (`RouteParamtypes`): body, query, param. */
const ARGUMENT_PART: Record<string, 'body' | 'query' | 'param' | undefined> = { '3': 'body', '4': 'query', '5': 'param' };

function inputsOf(controller: object, handlerName: string): RouteInputs {
  const inputs: RouteInputs = { params: {} };
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller.constructor, handlerName) ?? {}) as Record<string, RouteArgument>;
  for (const [key, argument] of Object.entries(args)) {
    const part = ARGUMENT_PART[key.split(':')[0]!];
    const pipe = argument.pipes?.find((candidate): candidate is ZodValidationPipe<z.ZodType> => candidate instanceof ZodValidationPipe);
    if (!part || !pipe) continue;
    if (part === 'param' && typeof argument.data === 'string') inputs.params[argument.data] = pipe.schema;
    else if (part !== 'param' && argument.data === undefined) inputs[part] = pipe.schema;
  }
  return inputs;
}

/**
 * Every HTTP route the controllers declare, as the code declares it: method, full path, access rule and
 * validation schemas. The OpenAPI document and the route tests both read the routes from here.
 */
export function routeCatalogue(app: INestApplication, globalPrefix: string): CataloguedRoute[] {
  const scanner = new MetadataScanner();
  const routes: CataloguedRoute[] = [];
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller || !wrapper.instance) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const instance = wrapper.instance as object;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod]!;
      const access = (Reflect.getMetadata(ROUTE_ACCESS_METADATA, handler) ?? Reflect.getMetadata(ROUTE_ACCESS_METADATA, controller)) as RouteAccess | undefined;
      routes.push({ method, path: join(globalPrefix, base, path), access, inputs: inputsOf(instance, name) });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
