/**
 * The SQL the builder emits for hostile input: every identifier quoted, every value a parameter.
 */
import { describe, expect, it } from 'vitest';
import { parseApiQuery } from '../query-parser/api-query';
import type { Relation, SchemaCache } from '../schema-cache';
import { insertSql } from './mutate';
import { readStatement } from './read';
import { assertModifiersUsed, buildNode, type TreeContext } from './select-tree';
import { Params, arrayLiteral, castType, ident, qualified } from './sql';

const column = (name: string, typeName = 'text') => ({ name, type: typeName, typeName, defaultSql: null });
const todos: Relation = {
  schema: 'public',
  name: 'todos',
  kind: 'table',
  columns: new Map(
    [column('id', 'int8'), column('title'), column('owner_id', 'uuid'), column('fts', 'tsvector')].map(
      (c) => [c.name, c],
    ),
  ),
  primaryKey: ['id'],
  uniqueKeys: [['id']],
};
const users: Relation = {
  schema: 'public',
  name: 'users',
  kind: 'table',
  columns: new Map([column('id', 'uuid'), column('name')].map((c) => [c.name, c])),
  primaryKey: ['id'],
  uniqueKeys: [['id']],
};
const cache: SchemaCache = {
  config: { aggregatesEnabled: false, planEnabled: false, txRollbackAll: false, txAllowOverride: false },
  computedRelationships: [],
  relations: new Map([
    ['public.todos', todos],
    ['public.users', users],
  ]),
  foreignKeys: [
    {
      constraint: 'todos_owner_id_fkey',
      schema: 'public',
      table: 'todos',
      columns: ['owner_id'],
      referencedSchema: 'public',
      referencedTable: 'users',
      referencedColumns: ['id'],
    },
  ],
  routines: new Map(),
  roleSettings: new Map(),
};

function read(queryString: string) {
  const query = parseApiQuery(new URLSearchParams(queryString));
  const params = new Params();
  const ctx: TreeContext = { cache, query, params, nextAlias: 1, usedPaths: new Set() };
  const root = buildNode(
    ctx,
    query.select,
    [],
    { fromSql: qualified('public', 'todos'), alias: 'todos', relation: todos },
    { maxRows: 1000 },
  );
  assertModifiersUsed(ctx);
  return {
    sql: readStatement(root, { shape: 'array', stripNulls: false }, { mode: 'exact' }),
    values: params.values,
  };
}

describe('quoting', () => {
  it('doubles quotes inside identifiers', () => {
    expect(ident('we"ird')).toBe('"we""ird"');
    expect(qualified('s"', 't')).toBe('"s"""."t"');
  });

  it('escapes array literal items', () => {
    expect(arrayLiteral(['a', 'b,c', 'say "hi"', 'back\\slash'])).toBe(
      '{"a","b,c","say \\"hi\\"","back\\\\slash"}',
    );
  });

  it('maps SQL cast spellings to quoted catalog type names', () => {
    expect(castType('integer')).toBe('"int4"');
    expect(castType('timestamp with time zone')).toBe('"timestamptz"');
    expect(castType('text); drop table x; --')).toBe('"text); drop table x; --"');
  });
});

describe('generated reads', () => {
  it('keeps hostile column names, JSON keys, values and configs out of the SQL text', () => {
    const hostile = "x'); drop table todos; --";
    const { sql, values } = read(
      `select=${encodeURIComponent(`"${hostile}",key:title->>"${hostile}"`)}&title=eq.${encodeURIComponent(hostile)}` +
        `&fts=fts(${encodeURIComponent("english' or 1=1 --")}).cats&order=title.desc.nullslast`,
    );
    // Outside quoted identifiers the SQL holds nothing the client wrote.
    expect(sql.replace(/"(?:[^"]|"")*"/g, '""')).not.toMatch(/drop|1=1/);
    expect(sql).toContain(`"todos"."${hostile}"`);
    expect(values.filter((value) => value === hostile)).toHaveLength(2);
    expect(values).toContain("english' or 1=1 --");
    expect(sql).toMatch(/"todos"\."fts" @@ to_tsquery\(\$\d+::regconfig, \$\d+\)/);
    expect(sql).toContain('order by "todos"."title" desc nulls last');
  });

  it('embeds to-one relations as row_to_json laterals and applies the max-rows cap', () => {
    const { sql, values } = read('select=id,owner:users(name)&limit=5000');
    expect(sql).toContain(
      'left join lateral (select row_to_json(pgrst_e) as body from (select "users_1"."name" as "name" from "public"."users" as "users_1" where "users_1"."id" = "todos"."owner_id") as pgrst_e) as "todos_owner_1" on true',
    );
    expect(sql).toContain('"todos_owner_1".body as "owner"');
    expect(values).toContain(1000);
  });
});

describe('generated writes', () => {
  it('reads rows through the table row type and returns 1 unless a representation is wanted', () => {
    const params = new Params();
    const sql = insertSql(
      {
        relation: todos,
        columns: ['title'],
        rows: params.add('[{"title":"a"}]'),
        missingDefault: false,
        conflict: { target: ['id'], resolution: 'merge-duplicates' },
      },
      params,
      { kind: 'minimal' },
    );
    expect(sql).toBe(
      'insert into "public"."todos" as "todos" ("title") select pgrst_r."title" from json_array_elements($1::json) as pgrst_e(j) ' +
        'cross join lateral json_populate_record(null::"public"."todos", pgrst_e.j) as pgrst_r ' +
        'on conflict ("id") do update set "title" = excluded."title" returning 1, ("todos".xmax = 0) as pgrst_inserted',
    );
  });
});
