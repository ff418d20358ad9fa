/** The body of every error response (spec README decision 6); the CLI prints `error`. */
export interface ErrorBody {
  readonly error: string;
  readonly code: string;
  readonly requestId: string;
  readonly [detail: string]: unknown;
}
