import { Injectable } from '@nestjs/common';
import { MongooseHealthIndicator } from '@nestjs/terminus';
import { ReadinessCheck } from '@lib/observability';

@Injectable()
export class MongoHealthIndicator implements ReadinessCheck {
  readonly name = 'mongo';

  constructor(private readonly mongoose: MongooseHealthIndicator) {}

  check() {
    return this.mongoose.pingCheck(this.name, { timeout: 1500 });
  }
}
