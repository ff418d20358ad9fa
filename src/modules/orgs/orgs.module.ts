import { Module } from '@nestjs/common';

/** Orgs: placeholder module; its capability arrives with its issue. */
@Module({})
export class OrgsModule {}
