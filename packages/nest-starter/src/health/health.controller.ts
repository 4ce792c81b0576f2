import { Controller, Get, Inject } from '@nestjs/common';
import type { HealthService } from '@rosetta/domain';
import { failures } from '@rosetta/shared-contract';
import { Public } from '../auth/public.decorator.js';
import { HEALTH_SERVICE } from '../domain.module.js';
import { ProblemException } from '../http/problem.exception.js';

/** `/health`: liveness (the process serves HTTP) and readiness (the database answers too). */
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_SERVICE) private readonly health: HealthService) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    if (await this.health.isDatabaseReady()) return { status: 'ok', checks: { database: 'ok' } };
    throw new ProblemException(...failures.databaseDown, {
      checks: { database: 'unavailable' },
    });
  }
}
