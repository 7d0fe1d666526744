const AUTHENTICATION_FAILED = 18;

interface DriverError {
  message?: string;
  code?: number;
  reason?: { servers?: Map<string, { address: string; error?: unknown }> };
}

/**
 * Why a connection to MONGO_URL failed, in an operator's words. The driver says "Server selection
 * timed out after 10000 ms" where something else listens and keeps silent (Redis' port), and
 * "connection <monitor> to 127.0.0.1:4222 closed" where it hangs up (NATS, HTTP): neither says
 * that the address is not a MongoDB. Refused connections and unknown hosts keep the driver's words.
 */
export function describeMongoConnectError(error: unknown, serverSelectionTimeoutMs: number): string {
  const e = (error ?? {}) as DriverError;
  const message = e.message ?? String(error);
  if (e.code === AUTHENTICATION_FAILED) return `MongoDB refused the credentials: ${message}`;
  const closed = /^connection <monitor> to (\S+) closed$/.exec(message);
  if (closed) return `${closed[1]} takes connections but closes them without a MongoDB answer: is it another server's port (NATS, HTTP…)?`;
  const servers = [...(e.reason?.servers?.values() ?? [])];
  if (/^Server selection timed out/.test(message) && servers.length > 0 && servers.every((s) => !s.error)) {
    const addresses = servers.map((s) => s.address).join(', ');
    return `no MongoDB answer from ${addresses} within ${serverSelectionTimeoutMs} ms: is it another server's port (Redis…), a MongoDB that hangs, or a firewall dropping the connection?`;
  }
  return message;
}
