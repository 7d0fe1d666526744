import { HealthIndicatorResult } from '@nestjs/terminus';

/** A server an app depends on; each client lib provides one, /health/ready runs them all. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<HealthIndicatorResult>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
/** Servers an app serves without, in part: reported by /health/ready when down, without making it 503. */
export const DEGRADED_CHECKS = Symbol('DEGRADED_CHECKS');
