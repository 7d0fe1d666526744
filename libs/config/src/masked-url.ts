/**
 * A server URL fit for a log line or a terminal: any password masked, in a URL written wrong too
 * (`redis:/user:secret@host`, a space in the host), which the configuration error quotes.
 */
export function maskedUrl(url: string): string {
  return url.replace(/([^\s:/@]*):[^@\s/]*@/g, '$1:***@');
}
