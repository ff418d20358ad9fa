/**
 * Entry points of Jest's global setup and teardown. They run outside the test sandbox, where Jest's
 * moduleNameMapper does not apply, so the sources' ESM-style `./x.js` specifiers are resolved to the
 * `./x.ts` files here (Node 24 module hooks); Jest's transform still compiles the TypeScript.
 */
const { registerHooks } = require('node:module');

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (specifier.startsWith('.') && specifier.endsWith('.js')) {
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
      throw error;
    }
  },
});

const { default: globalSetup } = require('./global-setup.ts');
const { default: globalTeardown } = require('./global-teardown.ts');

module.exports = { globalSetup, globalTeardown };
