import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A proxied frame too large for a notification, waiting for the replica it is addressed to. */
@Entity({ name: 'proxy_messages' })
export class ProxyMessageEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_proxy_messages' })
  id!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
