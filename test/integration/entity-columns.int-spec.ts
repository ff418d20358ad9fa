import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { AuditEventEntity } from '../../src/modules/audit/infrastructure/audit-event.entity.js';
import { WebhookDeliveryEntity } from '../../src/modules/webhooks/outbound/infrastructure/webhook-delivery.entity.js';
import { WebhookEndpointEntity } from '../../src/modules/webhooks/outbound/infrastructure/webhook-endpoint.entity.js';
import { entityColumns } from '../../src/shared/database/entity-columns.js';
import { uuidv7 } from '../../src/shared/ids/uuid-v7.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

@Entity({ name: 'transformed_things' })
class TransformedThing {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', transformer: { to: (value: string) => value.toUpperCase(), from: (value: string) => value.toLowerCase() } })
  name!: string;
}

/** Plain SQL through `entityColumns` reads the same objects as TypeORM's find API. */
describe('entityColumns', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = dataSourceOptions(db.url, 2);
    dataSource = new DataSource({ ...options, entities: [...(options.entities as Function[]), TransformedThing] });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('reads an endpoint and a delivery as findOne does, every column under its property name and type', async () => {
    const now = new Date('2026-11-29T09:00:00.123Z');
    const endpoint: WebhookEndpointEntity = {
      id: uuidv7(),
      orgId: 'org_columnstest1',
      url: 'https://hooks.example.com/a',
      description: null,
      eventTypes: ['run.succeeded', 'run.failed'],
      enabled: false,
      disabledReason: 'Disabled by a user',
      secretEncrypted: 'sealed',
      previousSecretEncrypted: null,
      previousSecretExpiresAt: now,
      consecutiveDead: 3,
      createdBy: 'user-ada',
      createdAt: now,
      updatedAt: now,
    };
    await dataSource.manager.insert(WebhookEndpointEntity, endpoint);
    const delivery: WebhookDeliveryEntity = {
      id: uuidv7(),
      orgId: endpoint.orgId,
      endpointId: endpoint.id,
      eventType: 'run.failed',
      body: '{"a":1}',
      status: 'dead',
      attempts: 7,
      nextAttemptAt: null,
      lastAttemptAt: now,
      deliveredAt: null,
      responseStatus: 503,
      responseBody: 'down',
      error: null,
      createdAt: now,
    };
    await dataSource.manager.insert(WebhookDeliveryEntity, delivery);

    for (const [entity, id] of [
      [WebhookEndpointEntity, endpoint.id],
      [WebhookDeliveryEntity, delivery.id],
    ] as const) {
      const [plain] = (await dataSource.manager.query(`SELECT ${entityColumns(dataSource.manager, entity)} FROM ${dataSource.getMetadata(entity).tableName} WHERE id = $1`, [
        id,
      ])) as object[];
      const found = await dataSource.manager.findOne(entity, { where: { id } });
      expect({ ...plain }).toEqual({ ...found });
    }
    const [plainEndpoint] = (await dataSource.manager.query(`SELECT ${entityColumns(dataSource.manager, WebhookEndpointEntity)} FROM webhook_endpoints WHERE id = $1`, [
      endpoint.id,
    ])) as WebhookEndpointEntity[];
    expect(plainEndpoint).toEqual(endpoint);
  });

  it('reads an audit row as findOne does: bigint seq as text, jsonb payload, fixed-width hashes, timestamps', async () => {
    const row: AuditEventEntity = {
      id: uuidv7(),
      orgId: 'org_columnstest1',
      chainKey: 'org_columnstest1',
      seq: '9007199254740993',
      occurredAt: new Date('2026-11-29T09:00:00.123Z'),
      actorType: 'user',
      actorId: 'user-ada',
      actorDisplay: null,
      action: 'webhook_endpoint.update',
      targetType: 'webhook_endpoint',
      targetId: 'e1',
      requestId: 'req-1',
      ip: '203.0.113.9',
      userAgent: null,
      payload: { changed: ['description'], nested: { b: 1.5, a: [true, null, 'x'] } },
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };
    await dataSource.manager.save(AuditEventEntity, { ...row });
    const [plain] = (await dataSource.manager.query(`SELECT ${entityColumns(dataSource.manager, AuditEventEntity)} FROM audit_events WHERE id = $1`, [
      row.id,
    ])) as AuditEventEntity[];
    expect({ ...plain }).toEqual({ ...(await dataSource.manager.findOne(AuditEventEntity, { where: { id: row.id } })) });
    expect(plain).toEqual(row);
  });

  it('refuses an entity whose column needs a transformer, which plain SQL would skip', () => {
    expect(() => entityColumns(dataSource.manager, TransformedThing)).toThrow('TransformedThing.name has a transformer');
  });
});
