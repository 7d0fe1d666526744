/** A server URL fit for a log line or a terminal: any password masked. */
export function maskedUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/g, '//$1:***@');
}
