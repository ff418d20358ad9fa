module.exports = require('./jest-global-hooks.cjs').globalSetup;
