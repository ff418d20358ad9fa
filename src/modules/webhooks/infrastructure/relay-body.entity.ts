import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A webhook body on its way to the replica holding the chosen orchestrator socket; deleted once taken. */
@Entity({ name: 'webhook_relay_bodies' })
export class RelayBodyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_relay_bodies' })
  id!: string;

  @Column({ type: 'bytea' })
  body!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
