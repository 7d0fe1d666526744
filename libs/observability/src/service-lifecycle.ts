import { Injectable } from '@nestjs/common';
import { HealthCheckResult } from '@nestjs/terminus';

/**
 * Where the app is in its life, for /health/ready: told by runService when a signal starts the
 * drain. Until then ready reports the servers; from then on it answers 503, so a load balancer
 * stops sending work to an app on its way out (it answered 200 for as long as the drain lasted,
 * up to SHUTDOWN_GRACE_SEC).
 */
@Injectable()
export class ServiceLifecycle {
  private stopSignal?: string;

  /** The drain has begun (SIGTERM, SIGINT, SIGHUP): the app finishes its in-flight work and takes no more. */
  stopping(signal: string): void {
    this.stopSignal ??= signal;
  }

  /** /health/ready's 503 answer while the app stops, else undefined. */
  notReadyAnswer(): HealthCheckResult | undefined {
    return this.stopSignal === undefined ? undefined : notServingAnswer(`stopping (${this.stopSignal}): finishing in-flight work`);
  }
}

/**
 * /health/ready's answer while the app takes no work whatever its servers' state (starting,
 * stopping): terminus' shape of a failed check, `lifecycle` down with the reason, as every app's
 * other 503s name what is down.
 */
export function notServingAnswer(message: string): HealthCheckResult {
  const lifecycle = { lifecycle: { status: 'down' as const, message } };
  return { status: 'error', info: {}, error: lifecycle, details: lifecycle };
}
