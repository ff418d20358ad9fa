import { Module } from '@nestjs/common';

/** Runs: placeholder module; its capability arrives with its issue. */
@Module({})
export class RunsModule {}
