import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** A person, as an identity provider knows them (issuer + subject); created the first time they sign in. */
@Entity({ name: 'users' })
@Unique('uq_users_issuer_subject', ['issuer', 'subject'])
@Index('ix_users_subject', ['subject'])
export class UserEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_users' })
  id!: string;

  @Column({ type: 'varchar', length: 512 })
  issuer!: string;

  /** The OIDC `sub` claim. */
  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  /** The identity provider vouches for `email` (`email_verified`); invites are matched only then. */
  @Column({ name: 'email_verified', type: 'boolean', default: false })
  emailVerified!: boolean;

  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;
}
