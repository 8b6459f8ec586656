import { describe, expect, it } from 'vitest';
import { RestError } from '../errors';
import { parseApiQuery } from './api-query';
import { parseColumnList } from './columns';
import { parseFilterValue } from './filter';
import { parseLogicTree } from './logic';
import { parseOrder } from './order';
import { parseSelect } from './select';

const field = (name: string) => ({ name, jsonPath: [] });

function parseError(run: () => unknown): RestError {
  try {
    run();
  } catch (error) {
    if (error instanceof RestError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('select', () => {
  it('reads columns, aliases, casts and JSON paths', () => {
    expect(parseSelect('id,label:name,total::text,data->a->>b,"my col"')).toEqual([
      { kind: 'column', field: field('id') },
      { kind: 'column', field: field('name'), alias: 'label' },
      { kind: 'column', field: field('total'), cast: 'text' },
      {
        kind: 'column',
        field: {
          name: 'data',
          jsonPath: [
            { arrow: '->', key: 'a' },
            { arrow: '->>', key: 'b' },
          ],
        },
      },
      { kind: 'column', field: field('my col') },
    ]);
  });

  it('reads embeds with aliases, hints, join types, spreads and empty embeds', () => {
    expect(parseSelect('*,owner:users!tasks_owner_fkey!inner(id,email),...projects(name),tags()')).toEqual([
      { kind: 'star' },
      {
        kind: 'embed',
        name: 'users',
        alias: 'owner',
        hint: 'tasks_owner_fkey',
        joinType: 'inner',
        spread: false,
        select: [
          { kind: 'column', field: field('id') },
          { kind: 'column', field: field('email') },
        ],
      },
      { kind: 'embed', name: 'projects', spread: true, select: [{ kind: 'column', field: field('name') }] },
      { kind: 'embed', name: 'tags', spread: false, select: [] },
    ]);
  });

  it('reports where parsing failed, PostgREST style', () => {
    const error = parseError(() => parseSelect('id,name!'));
    expect(error.code).toBe('PGRST100');
    expect(error.status).toBe(400);
    expect(error.message).toBe('"failed to parse select parameter (id,name!)" (line 1, column 9)');
    expect(error.details).toContain('unexpected end of input');
  });

  it('reads aggregates with their casts (whether they are allowed is db-aggregates-enabled)', () => {
    expect(parseSelect('total:count()::int')).toEqual([
      {
        kind: 'column',
        field: { name: '*', jsonPath: [] },
        alias: 'total',
        aggregate: { fn: 'count', cast: 'int' },
      },
    ]);
    expect(parseSelect('amount::numeric.sum()::text')).toEqual([
      {
        kind: 'column',
        field: { name: 'amount', jsonPath: [] },
        cast: 'numeric',
        aggregate: { fn: 'sum', cast: 'text' },
      },
    ]);
    expect(parseError(() => parseSelect('amount.median()')).code).toBe('PGRST100');
  });
});

describe('filters', () => {
  it('reads comparison, negation, like patterns and quantifiers', () => {
    expect(parseFilterValue(field('a'), 'eq.1')).toEqual({
      field: field('a'),
      negated: false,
      operation: { kind: 'compare', operator: 'eq', value: '1' },
    });
    expect(parseFilterValue(field('a'), 'not.like.*x.y*').operation).toEqual({
      kind: 'compare',
      operator: 'like',
      value: '*x.y*',
    });
    expect(parseFilterValue(field('a'), 'like(any).{a*,"b,c"}').operation).toEqual({
      kind: 'quantified',
      operator: 'like',
      quantifier: 'any',
      values: ['a*', 'b,c'],
    });
  });

  it('reads in lists with quoted items, is values and full-text search', () => {
    expect(parseFilterValue(field('a'), 'in.(1,"two, three","say \\"hi\\"")').operation).toEqual({
      kind: 'in',
      values: ['1', 'two, three', 'say "hi"'],
    });
    expect(parseFilterValue(field('a'), 'in.()').operation).toEqual({ kind: 'in', values: [] });
    expect(parseFilterValue(field('a'), 'is.NULL').operation).toEqual({ kind: 'is', value: 'null' });
    expect(parseFilterValue(field('a'), 'not.is.not_null').negated).toBe(true);
    expect(parseFilterValue(field('a'), 'wfts(english).fat cats').operation).toEqual({
      kind: 'fts',
      operator: 'wfts',
      config: 'english',
      value: 'fat cats',
    });
  });

  it('rejects unknown operators and is values', () => {
    const error = parseError(() => parseFilterValue(field('a'), 'eqq.1'));
    expect(error.message).toBe('"failed to parse filter (eqq.1)" (line 1, column 1)');
    expect(parseError(() => parseFilterValue(field('a'), 'is.maybe')).code).toBe('PGRST100');
    expect(parseError(() => parseFilterValue(field('a'), 'eq')).code).toBe('PGRST100');
  });
});

describe('logic trees', () => {
  it('nests and/or/not with quoted and literal values', () => {
    expect(
      parseLogicTree(
        'or',
        false,
        '(age.lt.18,and(name.eq."a,b",tags.cs.{x,y}),not.or(id.in.(1,2),id.is.null))',
      ),
    ).toEqual({
      kind: 'logic',
      operator: 'or',
      negated: false,
      children: [
        {
          kind: 'filter',
          filter: {
            field: field('age'),
            negated: false,
            operation: { kind: 'compare', operator: 'lt', value: '18' },
          },
        },
        {
          kind: 'logic',
          operator: 'and',
          negated: false,
          children: [
            {
              kind: 'filter',
              filter: {
                field: field('name'),
                negated: false,
                operation: { kind: 'compare', operator: 'eq', value: 'a,b' },
              },
            },
            {
              kind: 'filter',
              filter: {
                field: field('tags'),
                negated: false,
                operation: { kind: 'compare', operator: 'cs', value: '{x,y}' },
              },
            },
          ],
        },
        {
          kind: 'logic',
          operator: 'or',
          negated: true,
          children: [
            {
              kind: 'filter',
              filter: { field: field('id'), negated: false, operation: { kind: 'in', values: ['1', '2'] } },
            },
            {
              kind: 'filter',
              filter: { field: field('id'), negated: false, operation: { kind: 'is', value: 'null' } },
            },
          ],
        },
      ],
    });
  });

  it('reports unbalanced trees', () => {
    expect(parseError(() => parseLogicTree('or', false, '(a.eq.1')).code).toBe('PGRST100');
  });
});

describe('order and column lists', () => {
  it('reads directions, nulls placement, JSON paths and embed columns', () => {
    expect(parseOrder('a.desc.nullslast,data->>k,owner(name).asc')).toEqual([
      { field: field('a'), direction: 'desc', nulls: 'last' },
      { field: { name: 'data', jsonPath: [{ arrow: '->>', key: 'k' }] } },
      { relation: 'owner', field: field('name'), direction: 'asc' },
    ]);
    expect(parseError(() => parseOrder('a.up')).code).toBe('PGRST100');
  });

  it('reads quoted column lists', () => {
    expect(parseColumnList('"a","b c",d', 'columns')).toEqual(['a', 'b c', 'd']);
  });
});

describe('whole query strings', () => {
  it('sorts keys into select, root and embedded modifiers', () => {
    const query = parseApiQuery(
      new URLSearchParams(
        'select=id,tasks(id)&id=gt.1&tasks.done=is.false&tasks.order=id.desc&tasks.limit=2&not.or=(a.eq.1,b.eq.2)&limit=10&offset=5',
      ),
    );
    expect(query.select).toHaveLength(2);
    const root = query.modifiers.get('');
    expect(root?.conditions).toHaveLength(2);
    expect(root?.conditions[1]).toMatchObject({ kind: 'logic', operator: 'or', negated: true });
    expect(root?.limit).toBe(10);
    expect(root?.offset).toBe(5);
    const tasks = query.modifiers.get('tasks');
    expect(tasks?.conditions).toHaveLength(1);
    expect(tasks?.order).toEqual([{ field: field('id'), direction: 'desc' }]);
    expect(tasks?.limit).toBe(2);
  });

  it('treats function parameters as RPC arguments', () => {
    const query = parseApiQuery(new URLSearchParams('a=1&b=2&c=eq.3'), {
      isRpcArgument: (key) => key === 'a' || key === 'b',
    });
    expect(query.rpcArguments).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(query.modifiers.get('')?.conditions).toHaveLength(1);
  });

  it('rejects bad limits', () => {
    expect(parseError(() => parseApiQuery(new URLSearchParams('limit=ten'))).code).toBe('PGRST100');
  });
});
