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
  /** A computed relationship: the function called with the parent row (`foreignKey` unused). */
  computed?: { schema: string; name: string };
}

/** SQL tying rows of the embedded `targetAlias` to the parent row `sourceAlias`. */
export function joinConditionSql(
  relationship: Relationship,
  targetAlias: string,
  sourceAlias: string,
): string {
  if (relationship.computed) return 'true';
  const { junction } = relationship;
  if (!junction) {
    return relationship.joins
      .map(
        ([sourceColumn, targetColumn]) =>
          `${ident(targetAlias)}.${ident(targetColumn)} = ${ident(sourceAlias)}.${ident(sourceColumn)}`,
      )
      .join(' and ');
  }
  const j = ident(`${targetAlias}_junction`);
  const toSource = relationship.foreignKey.columns.map(
    (column, i) =>
      `${j}.${ident(column)} = ${ident(sourceAlias)}.${ident(relationship.foreignKey.referencedColumns[i] as string)}`,
  );
  const toTarget = junction.targetKey.columns.map(
    (column, i) =>
      `${j}.${ident(column)} = ${ident(targetAlias)}.${ident(junction.targetKey.referencedColumns[i] as string)}`,
  );
  return `exists (select 1 from ${qualified(junction.relation.schema, junction.relation.name)} as ${j} where ${[...toSource, ...toTarget].join(' and ')})`;
}

export function isToOne(relationship: Relationship): boolean {
  return relationship.cardinality === 'many-to-one' || relationship.cardinality === 'one-to-one';
}

/**
 * All relationships of `source`, in the order PostgREST's schema cache lists them: those through
 * its own foreign keys (many-to-one, or one-to-one when the FK columns are unique), then the
 * inverse ones (one-to-many / one-to-one), then many-to-many through junction tables.
 */
function relationshipsOf(cache: SchemaCache, source: Relation): Relationship[] {
  const own: Relationship[] = [];
  const inverse: Relationship[] = [];
  for (const fk of cache.foreignKeys) {
    if (fk.schema !== source.schema || fk.referencedSchema !== source.schema) continue;
    if (fk.table === source.name) {
      const target = cache.relations.get(qualifiedKey(fk.schema, fk.referencedTable));
      if (target) {
        const unique = source.uniqueKeys.some((key) => sameSet(key, fk.columns));
        own.push({
          target,
          cardinality: unique ? 'one-to-one' : 'many-to-one',
          joins: fk.columns.map((column, i) => [column, fk.referencedColumns[i] as string]),
          foreignKey: fk,
        });
      }
    }
    if (fk.referencedTable === source.name) {
      const target = cache.relations.get(qualifiedKey(fk.schema, fk.table));
      if (target) {
        const unique = target.uniqueKeys.some((key) => sameSet(key, fk.columns));
        inverse.push({
          target,
          cardinality: unique ? 'one-to-one' : 'one-to-many',
          joins: fk.referencedColumns.map((column, i) => [column, fk.columns[i] as string]),
          foreignKey: fk,
        });
      }
    }
  }
  return [...own, ...inverse, ...manyToMany(cache, source)];
}

function computedRelationshipsOf(cache: SchemaCache, source: Relation): Relationship[] {
  const found: Relationship[] = [];
  for (const computed of cache.computedRelationships) {
    if (computed.tableSchema !== source.schema || computed.tableName !== source.name) continue;
    const target = cache.relations.get(qualifiedKey(computed.targetSchema, computed.targetName));
    if (!target) continue;
    found.push({
      target,
      cardinality: computed.singleRow ? 'many-to-one' : 'one-to-many',
      joins: [],
      foreignKey: {
        constraint: '',
        schema: '',
        table: '',
        columns: [],
        referencedSchema: '',
        referencedTable: '',
        referencedColumns: [],
      },
      computed: { schema: computed.functionSchema, name: computed.functionName },
    });
  }
  return found;
}

const isSelf = (r: Relationship, source: Relation) =>
  r.target.schema === source.schema && r.target.name === source.name;
const singleColumn = (r: Relationship, side: 0 | 1, name: string) =>
  !r.junction && r.joins.length === 1 && r.joins[0]![side] === name;

/**
 * findRel (Plan.hs): `rel(…)` names the target table or view, or — for tables only — the FK
 * constraint or the FK column; `rel!hint(…)` narrows by constraint, either side's column or the
 * junction. A self-reference reads `table(…)` as its children and `fk_column(…)` as its parent.
 */
export function resolveRelationship(
  cache: SchemaCache,
  source: Relation,
  name: string,
  hint?: string,
): Relationship {
  // Computed relationships are named by their function and prevail (SchemaCache.hs HM.union).
  const computed = computedRelationshipsOf(cache, source).filter((r) => r.computed?.name === name);
  if (computed.length === 1) return computed[0]!;
  const candidates = relationshipsOf(cache, source).filter((r) => {
    const targetIsView = r.target.kind === 'view';
    const constraint = (value: string) => !r.junction && r.foreignKey.constraint === value;
    if (isSelf(r, source)) {
      if (hint === undefined) {
        return (
          (name === r.target.name && r.cardinality === 'one-to-many') ||
          (singleColumn(r, 0, name) && r.cardinality === 'many-to-one')
        );
      }
      return name === r.target.name && r.cardinality === 'one-to-many' && singleColumn(r, 1, hint);
    }
    if (hint === undefined) {
      return name === r.target.name || (!targetIsView && (constraint(name) || singleColumn(r, 0, name)));
    }
    return (
      name === r.target.name &&
      (constraint(hint) ||
        singleColumn(r, 0, hint) ||
        singleColumn(r, 1, hint) ||
        r.junction?.relation.name === hint)
    );
  });
  if (candidates.length === 1) return candidates[0] as Relationship;
  if (candidates.length === 0) throw notFound(source, name, hint);
  throw ambiguous(source, name, candidates);
}

/** Junction tables: two FKs, to the source and to the target, both inside the junction's primary key. */
function manyToMany(cache: SchemaCache, source: Relation): Relationship[] {
  const found: Relationship[] = [];
  const sameSchema = cache.foreignKeys.filter(
    (fk) => fk.schema === source.schema && fk.referencedSchema === source.schema,
  );
  for (const toSource of sameSchema) {
    if (toSource.referencedTable !== source.name) continue;
    const junction = cache.relations.get(qualifiedKey(toSource.schema, toSource.table));
    if (!junction || !toSource.columns.every((column) => junction.primaryKey.includes(column))) continue;
    for (const toTarget of sameSchema) {
      if (toTarget.constraint === toSource.constraint || toTarget.table !== junction.name) continue;
      if (!toTarget.columns.every((column) => junction.primaryKey.includes(column))) continue;
      const target = cache.relations.get(qualifiedKey(toTarget.schema, toTarget.referencedTable));
      if (target)
        found.push({
          target,
          cardinality: 'many-to-many',
          joins: [],
          foreignKey: toSource,
          junction: { relation: junction, targetKey: toTarget },
        });
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
      : `${fk.constraint} using ${source.name}(${candidate.joins.map(([own]) => own).join(', ')}) and ${candidate.target.name}(${candidate.joins.map(([, other]) => other).join(', ')})`;
    return {
      cardinality: candidate.cardinality,
      embedding: `${source.name} with ${candidate.target.name}`,
      relationship,
    };
  });
  const options = candidates
    .map(
      (candidate) =>
        `'${name}!${candidate.junction ? candidate.junction.relation.name : candidate.foreignKey.constraint}'`,
    )
    .join(', ');
  return new RestError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${source.name}' and '${name}'`,
    details,
    `Try changing '${name}' to one of the following: ${options}. Find the desired relationship in the 'details' key.`,
  );
}
