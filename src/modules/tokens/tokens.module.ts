import { Module } from '@nestjs/common';

/** Tokens: placeholder module; its capability arrives with its issue. */
@Module({})
export class TokensModule {}
