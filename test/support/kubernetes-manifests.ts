import { parseAllDocuments } from 'yaml';

/** One object of a rendered manifest stream. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  /** Navigated freely by assertions; validateManifest is what checks its shape. */
  readonly spec?: any;
  readonly data?: Record<string, string>;
  readonly [field: string]: unknown;
}

/** Parses a multi-document stream; any YAML error or warning fails, naming the document. */
export function parseManifests(stream: string): Manifest[] {
  return parseAllDocuments(stream).map((document, index) => {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0) throw new Error(`document ${index + 1}: ${problems.map((problem) => problem.message).join('; ')}`);
    return document.toJS() as Manifest;
  });
}

/**
 * Validates a manifest against the Kubernetes OpenAPI schema bundled with kubernetes-models (about
 * Kubernetes 1.34): `kubernetes-models/<group>/<version>` exports one class per kind, whose validate()
 * throws on a wrong type, a missing required field or a value outside an enum.
 */
export async function validateManifest(manifest: Manifest): Promise<void> {
  const module = (await import(`kubernetes-models/${manifest.apiVersion}`)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Kind = module[manifest.kind];
  if (!Kind) throw new Error(`kubernetes-models has no ${manifest.kind} in ${manifest.apiVersion}`);
  new Kind(manifest).validate();
}
