/**
 * Resolves `select=rel(...)` to a foreign-key relationship, as PostgREST's schema-cache lookup does:
 * many-to-one (object), one-to-many (array), one-to-one when the FK columns are unique; errors
 * PGRST200 (none) and PGRST201 (ambiguous).
 */
import { RestError } from '../errors';
import { qualifiedKey, type ForeignKey, type Relation, type SchemaCache } from '../schema-cache';
import { ident, qualified } from './sql';

export interface Relationship {
  target: Relation;
  cardinality: 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many';
  /** [source column, target column] pairs to join on (direct relationships). */
  joins: Array<[string, string]>;
  foreignKey: ForeignKey;
  /** Many-to-many: the junction table and its FK to the target (`foreignKey` is its FK to the source). */
  junction?: { relation: Relation; targetKey: ForeignKey };
}

/** SQL tying rows of the embedded `targetAlias` to the parent row `sourceAlias`. */
export function joinConditionSql(relationship: Relationship, targetAlias: string, sourceAlias: string): string {
  const { junction } = relationship;
  if (!junction) {
    return relationship.joins
      .map(([sourceColumn, targetColumn]) => `${ident(targetAlias)}.${ident(targetColumn)} = ${ident(sourceAlias)}.${ident(sourceColumn)}`)
      .join(' and ');
  }
  const j = ident(`${targetAlias}_junction`);
  const toSource = relationship.foreignKey.columns.map(
    (column, i) => `${j}.${ident(column)} = ${ident(sourceAlias)}.${ident(relationship.foreignKey.referencedColumns[i] as string)}`,
  );
  const toTarget = junction.targetKey.columns.map(
    (column, i) => `${j}.${ident(column)} = ${ident(targetAlias)}.${ident(junction.targetKey.referencedColumns[i] as string)}`,
  );
  return `exists (select 1 from ${qualified(junction.relation.schema, junction.relation.name)} as ${j} where ${[...toSource, ...toTarget].join(' and ')})`;
}

export function isToOne(relationship: Relationship): boolean {
  return relationship.cardinality === 'many-to-one' || relationship.cardinality === 'one-to-one';
}

export function resolveRelationship(cache: SchemaCache, source: Relation, name: string, hint?: string): Relationship {
  const candidates: Relationship[] = [];
  for (const fk of cache.foreignKeys) {
    if (fk.schema !== source.schema || fk.referencedSchema !== source.schema) continue;
    const matchesHint = (columns: string[]) => hint === undefined || hint === fk.constraint || columns.includes(hint);

    // The source holds the FK: embed the parent as an object.
    if (fk.table === source.name) {
      const named = name === fk.referencedTable || name === fk.constraint || (fk.columns.length === 1 && name === fk.columns[0]);
      const target = cache.relations.get(qualifiedKey(fk.schema, fk.referencedTable));
      if (named && target && matchesHint([...fk.columns, fk.referencedTable])) {
        candidates.push({
          target,
          cardinality: 'many-to-one',
          joins: fk.columns.map((column, i) => [column, fk.referencedColumns[i] as string]),
          foreignKey: fk,
        });
      }
    }
    // The target holds the FK: embed the children as an array (an object when the FK is unique).
    if (fk.referencedTable === source.name) {
      const named = name === fk.table || name === fk.constraint;
      const target = cache.relations.get(qualifiedKey(fk.schema, fk.table));
      if (named && target && matchesHint([...fk.columns, fk.table])) {
        const unique = target.uniqueKeys.some((key) => sameSet(key, fk.columns));
        candidates.push({
          target,
          cardinality: unique ? 'one-to-one' : 'one-to-many',
          joins: fk.referencedColumns.map((column, i) => [column, fk.columns[i] as string]),
          foreignKey: fk,
        });
      }
    }
  }

  if (candidates.length === 0) candidates.push(...manyToMany(cache, source, name, hint));
  if (candidates.length === 1) return candidates[0] as Relationship;
  if (candidates.length === 0) throw notFound(source, name, hint);
  throw ambiguous(source, name, candidates);
}

/** Junction tables: two FKs, to the source and to the target, both inside the junction's primary key. */
function manyToMany(cache: SchemaCache, source: Relation, name: string, hint: string | undefined): Relationship[] {
  const found: Relationship[] = [];
  const sameSchema = cache.foreignKeys.filter((fk) => fk.schema === source.schema && fk.referencedSchema === source.schema);
  for (const toSource of sameSchema) {
    if (toSource.referencedTable !== source.name) continue;
    const junction = cache.relations.get(qualifiedKey(toSource.schema, toSource.table));
    if (!junction || !toSource.columns.every((column) => junction.primaryKey.includes(column))) continue;
    for (const toTarget of sameSchema) {
      if (toTarget === toSource || toTarget.table !== junction.name || toTarget.referencedTable !== name) continue;
      if (!toTarget.columns.every((column) => junction.primaryKey.includes(column))) continue;
      if (hint !== undefined && hint !== junction.name && hint !== toTarget.constraint) continue;
      const target = cache.relations.get(qualifiedKey(toTarget.schema, toTarget.referencedTable));
      if (target) found.push({ target, cardinality: 'many-to-many', joins: [], foreignKey: toSource, junction: { relation: junction, targetKey: toTarget } });
    }
  }
  return found;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function notFound(source: Relation, name: string, hint: string | undefined): RestError {
  const using = hint === undefined ? '' : ` using the hint '${hint}'`;
  return new RestError(
    400,
    'PGRST200',
    `Could not find a relationship between '${source.name}' and '${name}' in the schema cache`,
    `Searched for a foreign key relationship between '${source.name}' and '${name}'${using} in the schema '${source.schema}', but no matches were found.`,
  );
}

function ambiguous(source: Relation, name: string, candidates: Relationship[]): RestError {
  const details = candidates.map((candidate) => {
    const fk = candidate.foreignKey;
    const relationship = candidate.junction
      ? `${candidate.junction.relation.name} using ${fk.constraint}(${fk.columns.join(', ')}) and ${candidate.junction.targetKey.constraint}(${candidate.junction.targetKey.columns.join(', ')})`
      : `${fk.constraint} using ${fk.table}(${fk.columns.join(', ')}) and ${fk.referencedTable}(${fk.referencedColumns.join(', ')})`;
    return { cardinality: candidate.cardinality, embedding: `${source.name} with ${candidate.target.name}`, relationship };
  });
  const options = candidates
    .map((candidate) => `'${name}!${candidate.junction ? candidate.junction.relation.name : candidate.foreignKey.constraint}'`)
    .join(', ');
  return new RestError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${source.name}' and '${name}'`,
    details,
    `Try changing '${name}' to one of the following: ${options}. Find the desired relationship in the 'details' key.`,
  );
}
