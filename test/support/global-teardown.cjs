module.exports = require('./jest-global-hooks.cjs').globalTeardown;
