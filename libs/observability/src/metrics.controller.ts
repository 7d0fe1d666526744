import { BadRequestException, Controller, Get, Header, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PipelineMetrics } from './pipeline-metrics';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: PipelineMetrics) {}

  /**
   * Every series, or with `?name=` (repeatable) only the named metrics: only their values are
   * collected, where a full scrape reads the process's memory, handles and heap spaces (~1.7 ms
   * a scrape; the benchmarks poll four times a second and read one counter).
   */
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Query('name') name?: string | string[]): Promise<string> {
    const { registry } = this.metrics;
    if (name === undefined) return registry.metrics();
    const names = Array.isArray(name) ? name : [name];
    const unknown = names.find((n) => typeof n !== 'string' || registry.getSingleMetric(n) === undefined);
    if (unknown !== undefined) throw new BadRequestException({ statusCode: 400, message: `name: no metric named ${JSON.stringify(unknown)} here`, field: 'name' });
    const texts = await Promise.all(names.map((n) => registry.getSingleMetricAsString(n)));
    return `${texts.join('\n')}\n`;
  }
}
