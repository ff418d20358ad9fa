/**
 * Evaluates @nestjs/common before a suite's own imports. CommonJS packages of the stack
 * (@willsoto/nestjs-prometheus, jwks-rsa) `require()` this ESM-only package; inside Jest's ESM graph that
 * require would otherwise meet @nestjs/common still unevaluated and fail as a cycle.
 */
import '@nestjs/common';
