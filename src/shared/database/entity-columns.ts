import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const lists = new WeakMap<object, string>();

/**
 * The select list that reads an entity's columns under its property names (`org_id AS "orgId"`, …), from
 * the entity's own metadata so it cannot drift from the class: plain SQL then answers rows shaped as the
 * entity, without the find API's per-call query building. Values arrive as the driver parses them, so an
 * entity whose columns need a TypeORM transformer is refused rather than read half-converted.
 */
export function entityColumns(manager: EntityManager, entity: EntityTarget<ObjectLiteral> & object): string {
  let list = lists.get(entity);
  if (list === undefined) {
    const { columns, name } = manager.connection.getMetadata(entity);
    const transformed = columns.find((column) => column.transformer !== undefined);
    if (transformed) throw new Error(`entityColumns: ${name}.${transformed.propertyName} has a transformer`);
    list = columns.map((column) => `"${column.databaseName}" AS "${column.propertyName}"`).join(', ');
    lists.set(entity, list);
  }
  return list;
}
