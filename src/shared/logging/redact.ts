/** KiCI token families and bearer credentials; anything shaped like them never reaches a log line. */
const KICI_TOKEN = /kici_(pat|sk|sa|ok)_[A-Za-z0-9]+/g;
const BEARER = /(bearer\s+)[^\s"',;]+/gi;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** Masks credentials inside free text, keeping the token family so the log still says what was there. */
export function redactSecrets(text: string): string {
  return text
    .replace(KICI_TOKEN, (_match, family: string) => `kici_${family}_[REDACTED]`)
    .replace(BEARER, '$1[REDACTED]')
    .replace(JWT, '[REDACTED_JWT]');
}
