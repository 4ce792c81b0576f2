import { Controller, Get, Header, Headers, Inject, StreamableFile } from '@nestjs/common';
import { Metrics } from '@rosetta/runtime';
import { Public } from '../auth/public.decorator.js';
import { ProblemException } from '../http/problem.exception.js';

/**
 * `GET /metrics`. Public to JwtGuard, whose access tokens do not open it: the METRICS_TOKEN does, when
 * the server has one, checked here.
 */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Headers('authorization') authorization: string | undefined) {
    const refused = this.metrics.authorize(authorization);
    if (refused) throw new ProblemException(...refused);
    const text = Buffer.from(await this.metrics.render());
    return new StreamableFile(text, { type: this.metrics.contentType, length: text.length });
  }
}
