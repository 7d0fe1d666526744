import { BadRequestException } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { PipelineMetrics } from './pipeline-metrics';

describe('MetricsController', () => {
  const metrics = new PipelineMetrics();
  const controller = new MetricsController(metrics);
  metrics.eventsTotal.inc({ stage: 'leaderboard' }, 42);

  it('gives every series without a name, and only the named metrics with one or several', async () => {
    expect(await controller.scrape()).toContain('process_resident_memory_bytes');
    const one = await controller.scrape('ap_stage_events_total');
    expect(one).toContain('ap_stage_events_total{stage="leaderboard"} 42');
    expect(one).not.toContain('process_resident_memory_bytes');
    const two = await controller.scrape(['ap_stage_events_total', 'ap_llm_calls_total']);
    expect(two.match(/^# TYPE \S+/gm)).toEqual(['# TYPE ap_stage_events_total', '# TYPE ap_llm_calls_total']);
  });

  it('refuses a name it does not have, naming the parameter', async () => {
    const refused = controller.scrape(['ap_stage_events_total', 'ap_nope']);
    await expect(refused).rejects.toBeInstanceOf(BadRequestException);
    await expect(refused).rejects.toMatchObject({ response: { field: 'name', message: 'name: no metric named "ap_nope" here' } });
  });
});
