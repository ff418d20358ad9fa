// Baseline for audited writes: a bare Fastify + pg server doing what the Platform's org rename does to the
// org row — in one transaction, lock the row, update display name and updated_at — but without the audit
// row (the Platform has no switch to turn audit off). Same table, same row, same pool size.
// Usage (forked): org-rename-server.mjs <databaseUrl> [poolSize=10] → sends its port to the parent over IPC.
import Fastify from 'fastify';
import pg from 'pg';

const [databaseUrl, poolSize = '10'] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(poolSize) });

const app = Fastify();
app.patch('/api/v1/orgs/:orgId', async (request, reply) => {
  const { orgId } = request.params;
  const { displayName } = request.body;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT * FROM orgs WHERE id = $1 FOR UPDATE', [orgId]);
    if (rows.length === 0) {
      await client.query('ROLLBACK');
      return reply.code(404).send({ error: 'not found' });
    }
    const updatedAt = new Date();
    await client.query('UPDATE orgs SET display_name = $2, updated_at = $3 WHERE id = $1', [orgId, displayName, updatedAt]);
    await client.query('COMMIT');
    return { id: orgId, displayName, slug: rows[0].slug, updatedAt };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.(app.server.address().port);
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
