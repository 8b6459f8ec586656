/**
 * Reads through the real supabase-js query builder: vertical filtering, every filter operator,
 * logic trees, embedding, ordering, ranges, counts and exact JSON serialisation of types.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compatClient, rest, serviceClient, setupCompatSchema } from './fixtures';

beforeAll(setupCompatSchema);

describe('type serialisation (JSON built by Postgres)', () => {
  it('returns bigint, numeric, timestamptz, jsonb, arrays, enums, ranges and nulls exactly like PostgREST', async () => {
    const response = await rest('/type_samples?order=id', {
      headers: { apikey: process.env.SUPABASE_ANON_KEY as string },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-range')).toBe('0-2/*');
    expect(response.headers.get('content-profile')).toBe('compat');
    expect(await response.text()).toBe(
      '[{"id":1,"big":9007199254740993,"amount":12.500,"ratio":0.25,"happened_at":"2024-05-01T10:00:00.123456+00:00","day":"2024-05-01","doc":{"a": {"b": [1, 2]}, "k": "v"},"tags":["red","blue green"],"scores":[3,1,2],"mood":"happy","note":"first","flag":true,"span":"[1,5)"}, \n' +
        ' {"id":2,"big":-1,"amount":0.000,"ratio":null,"happened_at":null,"day":null,"doc":null,"tags":[],"scores":null,"mood":"sad","note":null,"flag":false,"span":null}, \n' +
        ' {"id":3,"big":42,"amount":7.000,"ratio":10000000000,"happened_at":"1999-12-31T23:59:59+00:00","day":"1999-12-31","doc":[1, "two", null],"tags":["blue"],"scores":[7],"mood":"meh","note":"third, with comma","flag":null,"span":"[2,4)"}]',
    );
  });

  it('selects computed columns and tolerates spaces typed around names', async () => {
    const response = await rest('/articles?select=id, headline&id=eq.1');
    expect(await response.json()).toEqual([{ id: 1, headline: 'FAT CATS' }]);
  });

  it('selects aliases, casts and JSON paths', async () => {
    const { data, error } = await compatClient()
      .from('type_samples')
      .select('ident:id, amount::text, first_b:doc->a->b->0, k:doc->>k, mood')
      .eq('id', 1)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ ident: 1, amount: '12.500', first_b: 1, k: 'v', mood: 'happy' });
  });
});

describe('filters', () => {
  it('supports comparison operators and negation', async () => {
    const client = compatClient().from('type_samples');
    const results = await Promise.all([
      client.select('id').neq('id', 1).order('id'),
      client.select('id').gt('big', 0).order('id'),
      client.select('id').gte('id', 2).lte('id', 3).order('id'),
      client.select('id').lt('amount', 10).order('id'),
      client.select('id').not('mood', 'eq', 'happy').order('id'),
      client.select('id').in('note', ['first', 'third, with comma']).order('id'),
      client.select('id').not('id', 'in', '(1,2)').order('id'),
      client.select('id').is('note', null).order('id'),
      client.select('id').not('flag', 'is', null).order('id'),
      client.select('id').is('flag', true),
      client.select('id').like('note', '*ir*').order('id'),
      client.select('id').ilike('note', 'THIRD*'),
      client.select('id').likeAnyOf('note', ['fi*', 'th*']).order('id'),
      client.select('id').contains('tags', ['blue green']),
      client.select('id').containedBy('tags', ['blue', 'red', 'blue green']).order('id'),
      client.select('id').overlaps('scores', [2, 7]).order('id'),
      client.select('id').contains('doc', { k: 'v' }),
      client.select('id').rangeAdjacent('span', '[5,8)'),
      client.select('id').overlaps('span', '[4,6)').order('id'),
      client.select('id').match({ mood: 'meh', note: 'first' }),
      client.select('id').filter('id', 'in', '(2,3)').order('id'),
      client.select('id').isDistinct('flag', true).order('id'),
      client.select('id').in('id', []),
      client.select('id').eq('doc->>k', 'v'),
    ]);
    const got = results.map((result) => {
      expect(result.error).toBeNull();
      return (result.data as Array<{ id: number }>).map((row) => row.id);
    });
    expect(got).toEqual([
      [2, 3],
      [1, 3],
      [2, 3],
      [2, 3],
      [2, 3],
      [1, 3],
      [3],
      [2],
      [1, 2],
      [1],
      [1, 3],
      [3],
      [1, 3],
      [1],
      [1, 2, 3],
      [1, 3],
      [1],
      [1],
      [1],
      [],
      [2, 3],
      [2, 3],
      [],
      [1],
    ]);
  });

  it('supports or/and trees with nesting, negation and quoted values', async () => {
    const client = compatClient().from('type_samples');
    const [or, nested, quoted] = await Promise.all([
      client.select('id').or('id.eq.1,mood.eq.meh').order('id'),
      client.select('id').or('and(id.gte.2,flag.is.false),note.eq.first').order('id'),
      client.select('id').or('note.eq."third, with comma",tags.cs.{red}').order('id'),
    ]);
    expect(or.data).toEqual([{ id: 1 }, { id: 3 }]);
    expect(nested.data).toEqual([{ id: 1 }, { id: 2 }]);
    expect(quoted.data).toEqual([{ id: 1 }, { id: 3 }]);
    // supabase-js has no builder method for a negated tree; PostgREST's `not.and=` key.
    const raw = await rest('/type_samples?select=id&not.and=(id.gt.1,id.lt.3)&order=id');
    expect(await raw.json()).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('supports full-text search on tsvector and text columns', async () => {
    const client = compatClient().from('articles');
    const [fts, plain, phrase, web, onText] = await Promise.all([
      client.select('id').textSearch('search', 'fat & cat', { config: 'english' }),
      client.select('id').textSearch('search', 'fat cats', { type: 'plain', config: 'english' }),
      client.select('id').textSearch('search', 'fat cat', { type: 'phrase', config: 'english' }),
      client.select('id').textSearch('search', 'lean -cat', { type: 'websearch', config: 'english' }),
      client.select('id').textSearch('body', 'security', { config: 'english' }),
    ]);
    expect(fts.data).toEqual([{ id: 1 }]);
    expect(plain.data).toEqual([{ id: 1 }]);
    expect(phrase.data).toEqual([{ id: 1 }]);
    expect(web.data).toEqual([{ id: 4 }]);
    expect(onText.data).toEqual([{ id: 2 }]);
  });
});

describe('embedding', () => {
  it('embeds many-to-one as an object and one-to-many as an array, with nested filters, order and limit', async () => {
    const { data, error } = await compatClient()
      .from('articles')
      .select('id, title, category:categories(name), comments(id, rating)')
      .in('id', [1, 4])
      .order('id')
      .order('rating', { referencedTable: 'comments', ascending: false, nullsFirst: false })
      .limit(2, { referencedTable: 'comments' });
    expect(error).toBeNull();
    expect(data).toEqual([
      {
        id: 1,
        title: 'Fat cats',
        category: { name: 'news' },
        comments: [
          { id: 1, rating: 5 },
          { id: 2, rating: 2 },
        ],
      },
      { id: 4, title: 'Orphan', category: null, comments: [] },
    ]);
  });

  it('filters embedded collections, and filters parents with !inner', async () => {
    const client = compatClient();
    const filtered = await client
      .from('articles')
      .select('id, comments(body)')
      .eq('comments.rating', 4)
      .order('id')
      .limit(2);
    expect(filtered.data).toEqual([
      { id: 1, comments: [] },
      { id: 2, comments: [{ body: 'thanks' }] },
    ]);
    const inner = await client
      .from('articles')
      .select('id, comments!inner(body)', { count: 'exact' })
      .eq('comments.rating', 4);
    expect(inner.data).toEqual([{ id: 2, comments: [{ body: 'thanks' }] }]);
    expect(inner.count).toBe(1);
    const notInner = await client
      .from('articles')
      .select('id, comments(body)', { count: 'exact', head: true })
      .eq('comments.rating', 4);
    expect(notInner.count).toBe(3);
    const antiJoin = await rest('/articles?select=id,categories(id)&categories=is.null', {
      headers: { prefer: 'count=exact' },
    });
    expect(await antiJoin.json()).toEqual([{ id: 4, categories: null }]);
    expect(antiJoin.headers.get('content-range')).toBe('0-0/1');
    const viaCategory = await client
      .from('articles')
      .select('id, categories!inner(name)')
      .eq('categories.name', 'guides');
    expect(viaCategory.data).toEqual([{ id: 2, categories: { name: 'guides' } }]);
    // Fixture categories only (ids ≤ 3): the write tests add their own.
    const reverse = await client.from('categories').select('name, articles(id)').lte('id', 3).order('id');
    expect(reverse.data).toEqual([
      { name: 'news', articles: [{ id: 1 }] },
      { name: 'guides', articles: [{ id: 2 }] },
      { name: 'empty', articles: [] },
    ]);
  });

  it('supports hints, aliases, spreads, nested embeds and or-filters on embeds', async () => {
    const client = compatClient();
    const hinted = await client
      .from('comments')
      .select('id, post:articles!comments_article_id_fkey(title, category:categories(name))')
      .eq('id', 4)
      .single();
    expect(hinted.data).toEqual({ id: 4, post: { title: 'Postgres guide', category: { name: 'guides' } } });
    const spread = await client.from('comments').select('id, ...articles(title)').eq('id', 1).single();
    expect(spread.data).toEqual({ id: 1, title: 'Fat cats' });
    const manySpread = await client
      .from('articles')
      .select('id, ...comments(rating)')
      .eq('id', 1)
      .order('id', { referencedTable: 'comments' })
      .single();
    expect(manySpread.data).toEqual({ id: 1, rating: [5, 2, null] });
    const orOnEmbed = await client
      .from('articles')
      .select('id, comments(id)')
      .eq('id', 1)
      .or('rating.eq.5,rating.is.null', { referencedTable: 'comments' })
      .single();
    expect(orOnEmbed.data).toEqual({ id: 1, comments: [{ id: 1 }, { id: 3 }] });
  });

  it('embeds many-to-many through a junction table, and orders by a to-one embed column', async () => {
    const client = compatClient();
    const labelled = await client
      .from('articles')
      .select('id, labels(name)')
      .in('id', [1, 2, 4])
      .order('id')
      .order('name', { referencedTable: 'labels' });
    expect(labelled.data).toEqual([
      { id: 1, labels: [{ name: 'humour' }, { name: 'pets' }] },
      { id: 2, labels: [{ name: 'databases' }] },
      { id: 4, labels: [] },
    ]);
    const reverse = await client.from('labels').select('name, articles(title)').eq('id', 2).single();
    expect(reverse.data).toEqual({ name: 'databases', articles: [{ title: 'Postgres guide' }] });
    const byCategory = await rest(
      '/articles?select=id,categories(name)&category_id=not.is.null&order=categories(name).desc,id',
    );
    expect(await byCategory.json()).toEqual([
      { id: 1, categories: { name: 'news' } },
      { id: 2, categories: { name: 'guides' } },
    ]);
  });

  it('answers PGRST200 for unknown relationships and PGRST108 for filters on unselected embeds', async () => {
    const client = compatClient();
    const none = await client.from('articles').select('id, projects(id)');
    expect(none.status).toBe(400);
    expect(none.error).toMatchObject({
      code: 'PGRST200',
      message: "Could not find a relationship between 'articles' and 'projects' in the schema cache",
    });
    const unselected = await client.from('articles').select('id').eq('comments.rating', 4);
    expect(unselected.status).toBe(400);
    expect(unselected.error?.code).toBe('PGRST108');
  });
});

describe('ordering, ranges and counts', () => {
  it('orders with nulls first/last and by several columns', async () => {
    const client = compatClient().from('type_samples');
    const nullsFirst = await client.select('id').order('flag', { ascending: true, nullsFirst: true });
    expect(nullsFirst.data).toEqual([{ id: 3 }, { id: 2 }, { id: 1 }]);
    const nullsLast = await client.select('id').order('ratio', { ascending: false, nullsFirst: false });
    expect(nullsLast.data).toEqual([{ id: 3 }, { id: 1 }, { id: 2 }]);
    const byJson = await client.select('id').order('mood', { ascending: false }).order('id');
    expect(byJson.data).toEqual([{ id: 3 }, { id: 2 }, { id: 1 }]);
  });

  it('paginates with range/limit and reports counts with 200/206 and Content-Range', async () => {
    const client = compatClient().from('type_samples');
    const page = await client.select('id', { count: 'exact' }).order('id').range(1, 1);
    expect(page.status).toBe(206);
    expect(page.count).toBe(3);
    expect(page.data).toEqual([{ id: 2 }]);
    const all = await client.select('id', { count: 'exact' }).order('id');
    expect(all.status).toBe(200);
    const applied = await rest('/type_samples?select=id', {
      headers: { prefer: 'count=exact, return=minimal' },
    });
    expect(applied.headers.get('preference-applied')).toBe('count=exact');
    expect(all.count).toBe(3);
    const planned = await client.select('id', { count: 'planned' });
    expect(typeof planned.count).toBe('number');
    const estimated = await client.select('id', { count: 'estimated' });
    expect(estimated.count).toBe(3);
    const limited = await client.select('id').order('id').limit(2);
    expect(limited.data).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('answers HEAD with counts and no body, and 416 past the end', async () => {
    const head = await compatClient().from('type_samples').select('*', { count: 'exact', head: true });
    expect(head.status).toBe(200);
    expect(head.count).toBe(3);
    expect(head.data).toBeNull();
    const raw = await rest('/type_samples?select=id&offset=1&limit=1', {
      method: 'HEAD',
      headers: { prefer: 'count=exact' },
    });
    expect(raw.status).toBe(206);
    expect(raw.headers.get('content-range')).toBe('1-1/3');
    expect(await raw.text()).toBe('');
    const past = await rest('/type_samples?select=id&offset=10', { headers: { prefer: 'count=exact' } });
    expect(past.status).toBe(416);
    expect(await past.json()).toEqual({
      code: 'PGRST103',
      message: 'Requested range not satisfiable',
      details: 'An offset of 10 was requested, but there are only 3 rows.',
      hint: null,
    });
    const ranged = await rest('/type_samples?select=id&order=id', {
      headers: { range: '1-5', 'range-unit': 'items', prefer: 'count=exact' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('1-2/3');
    expect(await ranged.json()).toEqual([{ id: 2 }, { id: 3 }]);
    const empty = await rest('/type_samples?select=id&id=eq.0', { headers: { prefer: 'count=exact' } });
    expect(empty.headers.get('content-range')).toBe('*/0');
  });

  it('counts exactly with count=estimated while under db-max-rows', async () => {
    const rpc = await compatClient().rpc('numbers', { up_to: 10 }, { count: 'estimated', get: true });
    expect(rpc.count).toBe(10);
    const table = await serviceClient().from('type_samples').select('id', { count: 'estimated' });
    expect(table.count).toBe(3);
  });

  it('caps reads at 1000 rows (db-max-rows)', async () => {
    const { data, count, status } = await serviceClient()
      .rpc('numbers', { up_to: 1500 }, { count: 'exact', get: true })
      .limit(5000);
    expect(status).toBe(206);
    expect(count).toBe(1500);
    expect(data).toHaveLength(1000);
  });
});

describe('singular responses', () => {
  it('single() returns an object, or 406 PGRST116 with the row count', async () => {
    const client = compatClient().from('type_samples');
    const one = await client.select('id, note').eq('id', 1).single();
    expect(one.data).toEqual({ id: 1, note: 'first' });
    const many = await client.select('id').single();
    expect(many.status).toBe(406);
    expect(many.error).toMatchObject({
      code: 'PGRST116',
      details: 'The result contains 3 rows',
      message: 'Cannot coerce the result to a single JSON object',
    });
    const none = await client.select('id').eq('id', 0).maybeSingle();
    expect(none.error).toBeNull();
    expect(none.data).toBeNull();
  });

  it('answers CSV for .csv()', async () => {
    const { data, status } = await compatClient()
      .from('type_samples')
      .select('id, note, tags')
      .order('id')
      .csv();
    expect(status).toBe(200);
    expect(data).toBe('id,note,tags\n1,first,"{red,""blue green""}"\n2,,{}\n3,"third, with comma",{blue}');
    const response = await rest('/type_samples?select=id&id=eq.0', { headers: { accept: 'text/csv' } });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await response.text()).toBe('\n');
  });

  it('strips nulls on request', async () => {
    const response = await rest('/type_samples?select=id,note,flag&id=eq.2', {
      headers: { accept: 'application/vnd.pgrst.object+json;nulls=stripped' },
    });
    expect(await response.text()).toBe('{"id":2,"flag":false}');
  });
});
