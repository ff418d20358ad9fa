import { Controller, Get, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { Public } from '../shared/auth/route-access.js';

/**
 * `/metrics` in Prometheus text format. Public at the HTTP layer like the reference Platform; operators
 * keep it off the internet at the network level (the chart's NetworkPolicy and Ingress do).
 */
@Public()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  override async index(@Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    return super.index(response);
  }
}
