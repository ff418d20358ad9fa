import { type DynamicModule, Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { runMigrationsExclusively } from './migrator.js';
import { DATABASE_URL, PgNotifications } from '../shared/database/pg-notifications.js';

/**
 * The TypeORM connection to the database the process was given (`url` is already resolved: a configured
 * server or the embedded one). Applies migrations at start unless auto-migrate is off.
 */
@Module({})
export class DatabaseModule implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static forRoot(url: string, poolSize: number): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url, poolSize), retryAttempts: 3, retryDelay: 1000 })],
      providers: [{ provide: DATABASE_URL, useValue: url }, PgNotifications],
      exports: [DATABASE_URL, PgNotifications],
    };
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.database.autoMigrate) {
      this.logger.log('Auto-migrate is off; migrations are applied by the operator');
      return;
    }
    const applied = await runMigrationsExclusively(this.dataSource);
    this.logger.log(applied.length > 0 ? `Applied migrations: ${applied.join(', ')}` : 'Schema is up to date');
  }
}
