import { Module } from '@nestjs/common';

/** Webhooks: placeholder module; its capability arrives with its issue. */
@Module({})
export class WebhooksModule {}
