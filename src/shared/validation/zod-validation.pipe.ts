import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';

/** One failing field of a request, as the error body lists it. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Validates a request part (body, query, params) against a zod schema at the edge and hands the handler
 * the parsed value. Failure is a 400 `HTTP.VALIDATION_FAILED` naming each failing field.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    readonly schema: S,
    private readonly part: 'body' | 'query' | 'params' = 'body',
  ) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const fields: FieldProblem[] = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || this.part,
      message: issue.message,
    }));
    throw new DomainError('HTTP.VALIDATION_FAILED', `Invalid request ${this.part}`, { fields });
  }
}
