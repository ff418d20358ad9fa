/**
 * Evaluates @nestjs/common and jose before a suite's own imports. CommonJS packages of the stack
 * (@willsoto/nestjs-prometheus, jwks-rsa) `require()` these ESM-only packages; inside Jest's ESM graph that
 * require would otherwise meet @nestjs/common still unevaluated and fail as a cycle.
 */
import '@nestjs/common';
import 'jose';
