import { Controller, Get, Inject, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import { DEGRADED_CHECKS, READINESS_CHECKS, ReadinessCheck, withoutAddresses } from './readiness-check';
import { ServiceLifecycle } from './service-lifecycle';

/**
 * How long a "ready" answer serves every request. /health/ready is public (probes send no key),
 * and each request was a round of checks: a JetStream API call, a Mongo ping and a Redis ping, so
 * a flood of requests became a flood on each server (20 requests, 20 of each). A "not ready"
 * answer is only shared while its round runs: a starting app (the launcher polls) is seen ready
 * as soon as it is.
 */
const READY_ANSWER_REUSE_MS = 1000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(DEGRADED_CHECKS) private readonly degradedChecks: ReadinessCheck[],
    private readonly lifecycle: ServiceLifecycle,
  ) {}

  /** The process answers: restart it if not. Also while it stops: it exits by itself. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  private readonly logger = new Logger('Health');
  /** The last full reason logged for each check that is down: logged again only when it changes. */
  private readonly loggedDown = new Map<string, string>();

  /**
   * The check's answer without servers' addresses or URLs in a down reason (withoutAddresses): the
   * route is public, and it gave out `connect ECONNREFUSED 10.0.4.17:6379` or a URL with its
   * credentials to anyone. The full reason goes to the log, once each time it changes.
   */
  private async publicCheck(check: ReadinessCheck, degraded = false): Promise<HealthIndicatorResult> {
    const result = await check.check();
    const state = result[check.name];
    if (state?.status !== 'down' || typeof state.message !== 'string') {
      this.loggedDown.delete(check.name);
      return result;
    }
    if (this.loggedDown.get(check.name) !== state.message) {
      this.loggedDown.set(check.name, state.message);
      this.logger.warn({ msg: `${check.name} is down: /health/ready answers ${degraded ? 'ready, degraded' : 'not ready'}`, reason: state.message });
    }
    return { [check.name]: { ...state, message: withoutAddresses(state.message) } };
  }

  /** Requests share the round of checks under way, and for READY_ANSWER_REUSE_MS a "ready" answer. */
  private lastReady?: { answer: Promise<HealthCheckResult>; settledAt?: number };

  /**
   * Every server this app cannot serve without answers: route traffic to it only then. Servers it
   * serves without in part (the gateway's Mongo and Redis: events still go to JetStream) that are
   * down are listed under `degraded`, with a 200: a 503 would take every gateway out of a load
   * balancer during a Mongo outage, which ingestion is built to ride out. A 503 naming
   * `lifecycle` from the moment the app starts stopping (ServiceLifecycle), without a check.
   */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    const stopping = this.lifecycle.notReadyAnswer();
    if (stopping) return Promise.reject(new ServiceUnavailableException(stopping));
    const last = this.lastReady;
    if (last && (last.settledAt === undefined || Date.now() - last.settledAt < READY_ANSWER_REUSE_MS)) return last.answer;
    const round: { answer: Promise<HealthCheckResult>; settledAt?: number } = { answer: this.readiness() };
    round.answer.then(
      () => (round.settledAt = Date.now()),
      () => (round.settledAt = -Infinity),
    );
    this.lastReady = round;
    return round.answer;
  }

  private async readiness(): Promise<HealthCheckResult & { degraded?: HealthIndicatorResult }> {
    const [needed, results] = await Promise.all([
      this.health.check(this.checks.map((c) => () => this.publicCheck(c))).then(
        (result) => ({ result }),
        (refusal: unknown) => ({ refusal }),
      ),
      Promise.all(this.degradedChecks.map((c) => this.publicCheck(c, true).catch((error: unknown) => ({ [c.name]: { status: 'down' as const, message: withoutAddresses(String(error)) } })))),
    ]);
    const states = results.flatMap((r) => Object.entries(r));
    const up = Object.fromEntries(states.filter(([, state]) => state.status === 'up'));
    const down = Object.fromEntries(states.filter(([, state]) => state.status !== 'up'));
    // Ready (200): the degraded servers that are down are told under `degraded`. Not ready (503):
    // its `error` names every server that is down, the degraded ones too.
    const withDegraded = (result: HealthCheckResult, ready: boolean) => {
      const answer = { ...result, info: { ...result.info, ...up }, details: { ...result.details, ...up, ...down } };
      if (Object.keys(down).length === 0) return answer;
      return ready ? { ...answer, degraded: down } : { ...answer, error: { ...answer.error, ...down } };
    };
    if ('result' in needed) return withDegraded(needed.result, true);
    if (!(needed.refusal instanceof ServiceUnavailableException)) throw needed.refusal;
    throw new ServiceUnavailableException(withDegraded(needed.refusal.getResponse() as HealthCheckResult, false));
  }
}
