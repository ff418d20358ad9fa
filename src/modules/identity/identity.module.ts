import { Module } from '@nestjs/common';

/** Identity: placeholder module; its capability arrives with its issue. */
@Module({})
export class IdentityModule {}
