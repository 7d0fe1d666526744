/** Query parameters that carry a secret: ioredis reads `?password=`, Mongo takes AWS session tokens and TLS key passwords there. */
const SECRET_PARAMETER = /([?&;][^=&;\s,]*(?:pass|pwd|token|secret|key|credential|authMechanismProperties)[^=&;\s,]*=)[^&;\s,]*/gi;

/**
 * A server URL fit for a log line or a terminal: any password masked, in a URL written wrong too
 * (`redis:/user:secret@host`, a space in the host), which the configuration error quotes; a user
 * part alone too (`nats://TOKEN@host`: a token, shown whole before), and secrets in the query.
 */
export function maskedUrl(url: string): string {
  return url
    .replace(/([^\s:/@]*):[^@\s/]*@/g, '$1:***@')
    .replace(/(:\/*)[^\s:/@]+@/g, '$1***@')
    .replace(SECRET_PARAMETER, '$1***');
}
