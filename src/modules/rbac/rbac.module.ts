import { Module } from '@nestjs/common';

/** Rbac: placeholder module; its capability arrives with its issue. */
@Module({})
export class RbacModule {}
