import type { DataSource } from 'typeorm';

export type People = ReadonlyMap<string, { email: string | null; displayName: string | null }>;

/** Email and name of the users that orchestrators name only by OIDC subject (orchestrator-protocol §2.10). */
export async function peopleBySubject(dataSource: DataSource, subjects: readonly string[]): Promise<People> {
  const unique = [...new Set(subjects)].filter((subject) => subject.length <= 255);
  if (unique.length === 0) return new Map();
  const rows = (await dataSource.query(
    'SELECT DISTINCT ON (subject) subject, email, display_name AS "displayName" FROM users WHERE subject = ANY($1::text[]) ORDER BY subject, last_seen_at DESC',
    [unique],
  )) as { subject: string; email: string | null; displayName: string | null }[];
  return new Map(rows.map(({ subject, ...person }) => [subject, person]));
}

/** Whether an access-log actor is a person the Platform may know. */
export const isPersonActor = (actorType: unknown): boolean => actorType === 'user' || actorType === 'platform_operator';
