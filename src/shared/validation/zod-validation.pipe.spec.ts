import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe.js';

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(z.object({ name: z.string().max(5), count: z.number().int() }).strict());

  it('returns the parsed value', () => {
    expect(pipe.transform({ name: 'ok', count: 2 })).toEqual({ name: 'ok', count: 2 });
  });

  it('names every failing field', () => {
    expect(() => pipe.transform({ name: 'too long', count: 1.5 })).toThrow(
      expect.objectContaining({
        code: 'HTTP.VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'count' })] },
      }),
    );
  });

  it('refuses a missing body as a whole', () => {
    expect(() => pipe.transform(undefined)).toThrow(expect.objectContaining({ details: { fields: [expect.objectContaining({ path: 'body' })] } }));
  });
});
