/** Who an identity-provider token speaks for, after it was verified. */
export interface VerifiedIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly displayName: string | null;
}

/** Reads the profile claims KiCI keeps from a verified token or UserInfo answer. */
export function identityFromClaims(issuer: string, claims: Record<string, unknown>): VerifiedIdentity | null {
  const text = (value: unknown, max: number): string | null => (typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null);
  const subject = text(claims.sub, 255);
  if (!subject) return null;
  return {
    issuer,
    subject,
    email: text(claims.email, 320)?.toLowerCase() ?? null,
    emailVerified: claims.email_verified === true,
    displayName: text(claims.name, 200) ?? text(claims.preferred_username, 200),
  };
}
