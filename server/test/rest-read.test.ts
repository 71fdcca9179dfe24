import { describe, expect, it } from 'vitest';
import { client } from './env.ts';
import { SCHEMA, rest } from './rest-helpers.ts';

const db = () => client(undefined, SCHEMA);

describe('select grammar', () => {
  it('selects columns, aliases, casts and JSON paths', async () => {
    const { data, error } = await db()
      .from('users')
      .select('name:username, age:data->age, first:data->name->>first, range_text:age_range::text, tag0:data->tags->0')
      .eq('username', 'supabot');
    expect(error).toBeNull();
    expect(data).toEqual([{ name: 'supabot', age: 3, first: 'Supa', range_text: '[1,2)', tag0: 'a' }]);
  });

  it('names a JSON path after its last key, or the column for an index', async () => {
    const r = await rest('/users?select=data->age,data->tags->0&username=eq.supabot');
    expect(r.json()).toEqual([{ age: 3, tags: 'a' }]);
  });

  it('quotes identifiers with reserved characters and accepts whitespace the client strips', async () => {
    const r = await rest('/films?select=%22id%22,%20title&id=eq.1');
    expect(r.json()).toEqual([{ id: 1, title: 'Workers Leaving The Lumière Factory In Lyon' }]);
  });

  it('fails on malformed select with PGRST100', async () => {
    const r = await rest('/films?select=id,title(');
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ code: 'PGRST100', message: expect.stringContaining('failed to parse select parameter') });
    expect(r.headers.get('proxy-status')).toBe('PostgREST; error=PGRST100');
  });

  it('reports an unknown column as Postgres does', async () => {
    const r = await rest('/films?select=nope');
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ code: '42703', message: 'column films.nope does not exist' });
  });
});

describe('filters', () => {
  const names = async (query: string) => (await rest(`/users?select=username&order=username${query}`)).json().map((u: { username: string }) => u.username);

  it.each([
    ['&username=eq.supabot', ['supabot']],
    ['&username=neq.supabot', ['awailas', 'dragarcia', 'kiwicopple', 'leroyjenkins']],
    ['&created_at=gt.2023-12-31&username=lt.b', ['awailas']],
    ['&username=gte.leroyjenkins', ['leroyjenkins', 'supabot']],
    ['&username=lte.awailas', ['awailas']],
    ['&username=like.*copple', ['kiwicopple']],
    ['&username=ilike.*COPPLE', ['kiwicopple']],
    ['&username=match.^su', ['supabot']],
    ['&username=imatch.^SU', ['supabot']],
    ['&username=in.(supabot,awailas)', ['awailas', 'supabot']],
    ['&username=not.in.(supabot,awailas,kiwicopple)', ['dragarcia', 'leroyjenkins']],
    ['&data=is.null', ['awailas', 'leroyjenkins']],
    ['&data=not.is.null', ['dragarcia', 'kiwicopple', 'supabot']],
    ['&data=is.not_null', ['dragarcia', 'kiwicopple', 'supabot']],
    ['&data->>age=isdistinct.30', ['awailas', 'dragarcia', 'leroyjenkins', 'supabot']],
    ['&catchphrase=fts.cat', ['kiwicopple', 'leroyjenkins', 'supabot']],
    ['&catchphrase=plfts(english).fat%20cat', ['leroyjenkins', 'supabot']],
    ['&catchphrase=wfts.fat%20-cat', ['dragarcia']],
    ['&interests=cs.{cats}', ['leroyjenkins', 'supabot']],
    ['&interests=cd.{cats,dogs,kiwi}', ['awailas', 'kiwicopple', 'leroyjenkins', 'supabot']],
    ['&interests=ov.{kiwi,dogs}', ['kiwicopple', 'supabot']],
    ['&data=cs.{"age":30}', ['kiwicopple']],
    ['&age_range=sl.(30,40)', ['dragarcia', 'leroyjenkins', 'supabot']],
    ['&age_range=sr.(1,10)', ['awailas', 'dragarcia', 'kiwicopple', 'leroyjenkins']],
    ['&age_range=nxr.(1,21)', ['supabot']],
    ['&age_range=nxl.(24,30)', ['awailas', 'kiwicopple']],
    ['&age_range=adj.[2,5)', ['supabot']],
    ['&age_range=ov.[30,31]', ['awailas', 'kiwicopple']],
    ['&username=eq(any).{supabot,kiwicopple}', ['kiwicopple', 'supabot']],
    ['&username=like(all).{*a*,*s*}', ['awailas', 'supabot']],
    ['&username=not.like(any).{*a*,*o*}', []],
    ['&or=(status.eq.OFFLINE,username.eq.awailas)', ['awailas', 'kiwicopple', 'leroyjenkins']],
    ['&or=(username.eq.supabot,and(status.eq.OFFLINE,username.like.l*))', ['leroyjenkins', 'supabot']],
    ['&not.or=(status.eq.OFFLINE,username.eq.awailas)', ['dragarcia', 'supabot']],
    ['&and=(status.eq.ONLINE,or(username.eq.supabot,username.eq.awailas))', ['awailas', 'supabot']],
    ['&or=(status.eq.OFFLINE)&or=(username.like.k*,username.like.s*)', ['kiwicopple']],
    ['&or=(interests.cs.{kiwi},username.in.(awailas,dragarcia))', ['awailas', 'dragarcia', 'kiwicopple']],
    ['&data->age=gt.20', ['dragarcia', 'kiwicopple']],
  ])('%s', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it('matches is true/false/unknown on booleans', async () => {
    const ids = async (q: string) => (await rest(`/ranges_and_more?select=id&order=id&${q}`)).json().map((r: { id: number }) => r.id);
    expect(await ids('flag=is.true')).toEqual([1]);
    expect(await ids('flag=is.FALSE')).toEqual([2]);
    expect(await ids('flag=is.unknown')).toEqual([3]);
    expect(await ids('nums=cs.{3}')).toEqual([1, 2]);
    expect(await ids('during=cs.[2,3)')).toEqual([1]);
    const phrase = await rest('/messages?select=id&message=phfts(english).nothing%20left');
    expect(phrase.json()).toEqual([{ id: 2 }]);
  });

  it('accepts quoted values with reserved characters and escapes', async () => {
    const r = await rest('/films?select=id&title=in.(%22Pulp%20Fiction%22,%22A,B%22,%22q%5C%22uote%22)');
    expect(r.json()).toEqual([{ id: 4 }]);
    const o = await rest('/films?select=id&or=(title.eq.%22Reservoir%20Dogs%22,title.eq.%22a,b)%22)');
    expect(o.json()).toEqual([{ id: 5 }]);
  });

  it('passes filters through supabase-js builders', async () => {
    const { data } = await db()
      .from('users')
      .select('username')
      .not('status', 'eq', 'OFFLINE')
      .in('username', ['supabot', 'dragarcia', 'kiwicopple'])
      .contains('interests', ['cats'])
      .order('username');
    expect(data).toEqual([{ username: 'supabot' }]);
    const ts = await db().from('users').select('username').textSearch('catchphrase', `'fat' & 'cat'`).order('username');
    expect(ts.data).toEqual([{ username: 'leroyjenkins' }, { username: 'supabot' }]);
    const ranges = await db().from('users').select('username').rangeAdjacent('age_range', '[2,5)');
    expect(ranges.data).toEqual([{ username: 'supabot' }]);
  });

  it('rejects unknown operators', async () => {
    const r = await rest('/films?id=noop.1');
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ code: 'PGRST100', message: '"failed to parse filter (noop.1)" (line 1, column 1)' });
  });

  it('rejects bad values through Postgres', async () => {
    const r = await rest('/ranges_and_more?flag=eq.maybe');
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ code: '22P02', message: 'invalid input syntax for type boolean: "maybe"' });
  });
});

describe('embedding', () => {
  it('embeds to-one as an object and to-many as an array', async () => {
    const r = await rest('/films?select=title,directors(last_name),roles(character)&id=in.(4,6)&order=id&roles.order=character');
    expect(r.json()).toEqual([
      { title: 'Pulp Fiction', directors: { last_name: 'Tarantino' }, roles: [{ character: 'Mia Wallace' }, { character: 'The Wolf' }, { character: 'Vincent Vega' }] },
      { title: 'Orphan Film', directors: null, roles: [] },
    ]);
  });

  it('embeds many-to-many through a junction table and one-to-one', async () => {
    const { data } = await db()
      .from('films')
      .select('title, actors(first_name), technical_specs(camera)')
      .eq('id', 5)
      .order('first_name', { referencedTable: 'actors' });
    expect(data).toEqual([{ title: 'Reservoir Dogs', actors: [{ first_name: 'Harvey' }, { first_name: 'Tim' }], technical_specs: { camera: 'Arriflex 35 BL' } }]);
  });

  it('disambiguates with constraint and column hints, and reports ambiguity', async () => {
    const ok = await rest('/orders?select=name,billing:addresses!billing(name),shipping:addresses!shipping_address_id(name)&id=eq.1');
    expect(ok.json()).toEqual([{ name: 'Coffee Machine', billing: { name: 'Home' }, shipping: { name: 'Office' } }]);
    const amb = await rest('/orders?select=*,addresses(*)');
    expect(amb.status).toBe(300);
    expect(amb.json()).toEqual({
      code: 'PGRST201',
      message: "Could not embed because more than one relationship was found for 'orders' and 'addresses'",
      hint: "Try changing 'addresses' to one of the following: 'addresses!billing', 'addresses!shipping'. Find the desired relationship in the 'details' key.",
      details: [
        { cardinality: 'many-to-one', embedding: 'orders with addresses', relationship: 'billing using orders(billing_address_id) and addresses(id)' },
        { cardinality: 'many-to-one', embedding: 'orders with addresses', relationship: 'shipping using orders(shipping_address_id) and addresses(id)' },
      ],
    });
    const reverse = await rest('/addresses?select=name,billed:orders!billing(name)&id=eq.2');
    expect(reverse.json()).toEqual([{ name: 'Office', billed: [{ name: 'Lamp' }] }]);
  });

  it('reports a missing relationship with PGRST200', async () => {
    const r = await rest('/films?select=*,roless(*)');
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({
      code: 'PGRST200',
      message: "Could not find a relationship between 'films' and 'roless' in the schema cache",
      details: "Searched for a foreign key relationship between 'films' and 'roless' in the schema 'contract', but no matches were found.",
      hint: "Perhaps you meant 'roles' instead of 'roless'.",
    });
  });

  it('embeds self references both ways, composite keys, views and computed relationships', async () => {
    expect((await rest('/employees?select=name,supervisor_id(name)&id=eq.4')).json()).toEqual([{ name: 'Brown', supervisor_id: { name: 'Johnson' } }]);
    expect((await rest('/employees?select=name,employees(name)&id=eq.1&employees.order=name')).json()).toEqual([
      { name: 'Taylor', employees: [{ name: 'Johnson' }, { name: 'Miller' }] },
    ]);
    expect((await rest('/books?select=title,shelves(label)&order=id')).json()).toEqual([
      { title: 'Odes', shelves: { label: 'Poetry' } },
      { title: 'Ulysses', shelves: { label: 'Novels' } },
      { title: 'SPQR', shelves: { label: 'History' } },
      { title: 'Loose', shelves: null },
    ]);
    expect((await rest('/films_view?select=title,directors(last_name)&id=eq.1')).json()).toEqual([{ title: 'Workers Leaving The Lumière Factory In Lyon', directors: { last_name: 'Lumière' } }]);
    // A view over a view keeps the base table's foreign key.
    expect((await rest('/directors?select=last_name,recent_films(title)&id=eq.4')).json()).toEqual([{ last_name: 'Tarantino', recent_films: [] }]);
    expect((await rest('/films?select=title,director(full_name)&id=eq.4')).json()).toEqual([{ title: 'Pulp Fiction', director: { full_name: 'Quentin Tarantino' } }]);
  });

  it('filters embeds without dropping parents, and !inner drops them', async () => {
    const plain = await rest('/films?select=id,actors(first_name)&actors.first_name=eq.Jehanne&order=id&id=lt.5');
    expect(plain.json()).toEqual([
      { id: 1, actors: [] },
      { id: 2, actors: [] },
      { id: 3, actors: [{ first_name: 'Jehanne' }] },
      { id: 4, actors: [] },
    ]);
    const inner = await rest('/films?select=id,actors!inner(first_name)&actors.first_name=eq.Jehanne');
    expect(inner.json()).toEqual([{ id: 3, actors: [{ first_name: 'Jehanne' }] }]);
    const { data, count } = await db()
      .from('films')
      .select('title, directors!inner(last_name)', { count: 'exact' })
      .eq('directors.last_name', 'Tarantino')
      .order('id');
    expect(data).toEqual([
      { title: 'Pulp Fiction', directors: { last_name: 'Tarantino' } },
      { title: 'Reservoir Dogs', directors: { last_name: 'Tarantino' } },
    ]);
    expect(count).toBe(2);
  });

  it('filters on null embeds, empty embeds and or across embeds', async () => {
    expect((await rest('/films?select=id,technical_specs()&technical_specs=not.is.null&order=id')).json()).toEqual([{ id: 4 }, { id: 5 }]);
    expect((await rest('/films?select=id,roles(*)&roles=is.null&order=id')).json()).toEqual([
      { id: 1, roles: [] },
      { id: 2, roles: [] },
      { id: 6, roles: [] },
    ]);
    const or = await rest('/films?select=id,act:actors(),dir:directors()&act.first_name=eq.Tim&dir.last_name=eq.Méliès&or=(act.not.is.null,dir.not.is.null)&order=id');
    expect(or.json()).toEqual([{ id: 3 }, { id: 5 }]);
  });

  it('applies embedded order, limit, offset and logic', async () => {
    const r = await rest('/films?select=id,roles(character)&id=eq.4&roles.order=character.desc&roles.limit=2&roles.offset=1');
    expect(r.json()).toEqual([{ id: 4, roles: [{ character: 'The Wolf' }, { character: 'Mia Wallace' }] }]);
    const l = await rest('/films?select=id,roles(character)&id=eq.4&roles.or=(character.eq.Mia%20Wallace,character.like.*Wolf)&roles.order=character');
    expect(l.json()).toEqual([{ id: 4, roles: [{ character: 'Mia Wallace' }, { character: 'The Wolf' }] }]);
  });

  it('nests embeds and filters nested embeds by path', async () => {
    const r = await rest('/directors?select=last_name,films(title,roles(character,actors(first_name)))&id=eq.4&films.order=id&films.roles.order=character&films.roles.actors.first_name=eq.Tim');
    const body = r.json();
    expect(body[0].films[1]).toEqual({
      title: 'Reservoir Dogs',
      roles: [
        { character: 'Mr. Orange', actors: { first_name: 'Tim' } },
        { character: 'Mr. White', actors: null },
      ],
    });
  });

  it('spreads to-one and to-many embeds', async () => {
    expect((await rest('/films?select=title,...directors(director:last_name)&id=eq.1')).json()).toEqual([
      { title: 'Workers Leaving The Lumière Factory In Lyon', director: 'Lumière' },
    ]);
    expect((await rest('/directors?select=first_name,...films(titles:title,years:year)&id=eq.4&films.order=year')).json()).toEqual([
      { first_name: 'Quentin', titles: ['Reservoir Dogs', 'Pulp Fiction'], years: [1992, 1994] },
    ]);
    expect((await rest('/films?select=title,actors:roles(character,...actors(first_name))&id=eq.5&actors.order=character')).json()).toEqual([
      { title: 'Reservoir Dogs', actors: [{ character: 'Mr. Orange', first_name: 'Tim' }, { character: 'Mr. White', first_name: 'Harvey' }] },
    ]);
  });

  it('orders the parent by a to-one embed, and rejects to-many related order', async () => {
    const r = await rest('/films?select=title,directors(last_name)&order=directors(last_name).asc,id&limit=2');
    expect(r.json()).toEqual([
      { title: 'The Dickson Experimental Sound Film', directors: { last_name: 'Dickson' } },
      { title: 'Workers Leaving The Lumière Factory In Lyon', directors: { last_name: 'Lumière' } },
    ]);
    const bad = await rest('/directors?select=*,films(*)&order=films(title)');
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'PGRST118' });
    const missing = await rest('/films?select=id&actors.order=first_name');
    expect(missing.json()).toEqual({
      code: 'PGRST108',
      details: null,
      hint: "Verify that 'actors' is included in the 'select' query parameter.",
      message: "'actors' is not an embedded resource in this request",
    });
  });

  it('counts embeds the legacy way and with aggregates', async () => {
    expect((await rest('/channels?select=slug,messages(count)&order=id')).json()).toEqual([
      { slug: 'public', messages: [{ count: 1 }] },
      { slug: 'random', messages: [{ count: 1 }] },
      { slug: 'other', messages: [{ count: 2 }] },
    ]);
    expect((await rest('/films?select=count()')).json()).toEqual([{ count: 6 }]);
    expect((await rest('/orders?select=amount.sum(),total:amount.max()::int,billing_address_id&order=billing_address_id')).json()).toEqual([
      { sum: 160, total: 120, billing_address_id: 1 },
      { sum: 25, total: 25, billing_address_id: 2 },
    ]);
    expect((await rest('/directors?select=last_name,films(count())&id=eq.4')).json()).toEqual([{ last_name: 'Tarantino', films: [{ count: 2 }] }]);
  });
});

describe('order, limit, ranges and counts', () => {
  it('orders by several columns with nulls placement and JSON paths', async () => {
    const r = await rest('/films?select=id&order=rating.desc.nullsfirst,id.asc&limit=3');
    expect(r.json()).toEqual([{ id: 6 }, { id: 4 }, { id: 5 }]);
    const j = await rest('/users?select=username&order=data->age.desc.nullslast&limit=2');
    expect(j.json()).toEqual([{ username: 'kiwicopple' }, { username: 'dragarcia' }]);
  });

  it('sets Content-Range, 206 and 416 as PostgREST does', async () => {
    const page = await rest('/films?select=id&order=id&limit=2&offset=1', { headers: { prefer: 'count=exact' } });
    expect(page.status).toBe(206);
    expect(page.headers.get('content-range')).toBe('1-2/6');
    expect(page.headers.get('preference-applied')).toBe('count=exact');
    const all = await rest('/films?select=id', { headers: { prefer: 'count=exact' } });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-range')).toBe('0-5/6');
    const none = await rest('/films?select=id&id=gt.100', { headers: { prefer: 'count=exact' } });
    expect(none.headers.get('content-range')).toBe('*/0');
    const noCount = await rest('/films?select=id&limit=2');
    expect(noCount.headers.get('content-range')).toBe('0-1/*');
    const emptyNoCount = await rest('/films?select=id&id=gt.100');
    expect(emptyNoCount.headers.get('content-range')).toBe('*/*');
    const out = await rest('/films?select=id&offset=10', { headers: { prefer: 'count=exact' } });
    expect(out.status).toBe(416);
    expect(out.json()).toEqual({
      code: 'PGRST103',
      details: 'An offset of 10 was requested, but there are only 6 rows.',
      hint: null,
      message: 'Requested range not satisfiable',
    });
  });

  it('caps responses at max-rows 1000', async () => {
    const r = await rest('/numbers?select=n', { headers: { prefer: 'count=exact' } });
    expect(r.json()).toHaveLength(1000);
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe('0-999/1500');
    const tail = await rest('/numbers?select=n&offset=1400', { headers: { prefer: 'count=exact' } });
    expect(tail.headers.get('content-range')).toBe('1400-1499/1500');
  });

  it('accepts the Range header and rejects inverted ranges', async () => {
    const r = await rest('/films?select=id&order=id', { headers: { range: '2-3' } });
    expect(r.json()).toEqual([{ id: 3 }, { id: 4 }]);
    expect(r.headers.get('content-range')).toBe('2-3/*');
    const bad = await rest('/films?select=id', { headers: { range: '3-1' } });
    expect(bad.status).toBe(416);
    expect(bad.json().details).toBe('The lower boundary must be lower than or equal to the upper boundary in the Range header.');
    const neg = await rest('/films?select=id&limit=-1');
    expect(neg.status).toBe(416);
    const zero = await rest('/films?select=id&limit=0', { headers: { prefer: 'count=exact' } });
    expect(zero.json()).toEqual([]);
    expect(zero.headers.get('content-range')).toBe('*/6');
  });

  it('returns planned and estimated counts through supabase-js', async () => {
    const planned = await db().from('films').select('id', { count: 'planned', head: true });
    expect(planned.status).toBe(206);
    expect(typeof planned.count).toBe('number');
    const estimated = await db().from('films').select('id', { count: 'estimated' }).limit(1);
    expect(estimated.count).toBe(6);
    const head = await db().from('films').select('*', { count: 'exact', head: true });
    expect(head.data).toBeNull();
    expect(head.count).toBe(6);
  });

  it('answers HEAD with headers only', async () => {
    const r = await rest('/films?select=id', { method: 'HEAD', headers: { prefer: 'count=exact' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(r.headers.get('content-range')).toBe('0-5/6');
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

describe('Accept', () => {
  it('returns a single object or PGRST116', async () => {
    const { data, error } = await db().from('films').select('title').eq('id', 4).single();
    expect(error).toBeNull();
    expect(data).toEqual({ title: 'Pulp Fiction' });
    const many = await rest('/films?select=id', { headers: { accept: 'application/vnd.pgrst.object+json' } });
    expect(many.status).toBe(406);
    expect(many.json()).toEqual({ code: 'PGRST116', details: 'The result contains 6 rows', hint: null, message: 'Cannot coerce the result to a single JSON object' });
    const none = await db().from('films').select('id').eq('id', 99).single();
    expect(none.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' });
    const maybe = await db().from('films').select('id').eq('id', 99).maybeSingle();
    expect(maybe).toMatchObject({ data: null, error: null });
  });

  it('returns CSV', async () => {
    const { data } = await db().from('films').select('id,title,rating').in('id', [1, 6]).order('id').csv();
    expect(data).toBe('id,title,rating\n1,"Workers Leaving The Lumière Factory In Lyon",7.1\n6,"Orphan Film",');
  });

  it('strips nulls', async () => {
    const { data } = await db().from('films').select('id,rating').in('id', [5, 6]).order('id').stripNulls();
    expect(data).toEqual([{ id: 5, rating: 8.3 }, { id: 6 }]);
    const one = await rest('/films?select=id,rating&id=eq.6', { headers: { accept: 'application/vnd.pgrst.object+json;nulls=stripped' } });
    expect(one.json()).toEqual({ id: 6 });
    expect(one.headers.get('content-type')).toBe('application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8');
  });

  it('explains the query when the plan media type is enabled', async () => {
    const { data, error } = await db().from('films').select('id').eq('id', 1).explain();
    expect(error).toBeNull();
    expect(String(data)).toContain('films');
    const json = await db().from('films').select('id').explain({ format: 'json' });
    expect(Array.isArray(json.data)).toBe(true);
  });

  it('answers 406 for media types it cannot produce', async () => {
    const r = await rest('/films', { headers: { accept: 'text/html' } });
    expect(r.status).toBe(406);
    expect(r.json()).toMatchObject({ code: 'PGRST107', message: 'None of these media types are available: text/html' });
    // Without PostGIS there is no ST_AsGeoJSON to build GeoJSON with.
    const geo = await rest('/films', { headers: { accept: 'application/geo+json' } });
    expect(geo.status).toBe(406);
  });
});

describe('resources and profiles', () => {
  it('answers PGRST205 for unknown tables with a fuzzy hint', async () => {
    const r = await rest('/film');
    expect(r.status).toBe(404);
    expect(r.json()).toEqual({ code: 'PGRST205', details: null, hint: "Perhaps you meant the table 'contract.films'", message: "Could not find the table 'contract.film' in the schema cache" });
  });

  it('switches schemas with profile headers and rejects unexposed ones', async () => {
    const r = await rest('/films?select=id&limit=1');
    expect(r.headers.get('content-profile')).toBe('contract');
    const bad = await rest('/films', { profile: 'auth' });
    expect(bad.status).toBe(406);
    expect(bad.json()).toEqual({
      code: 'PGRST106',
      details: null,
      hint: 'Only the following schemas are exposed: public, graphql_public, contract',
      message: 'Invalid schema: auth',
    });
  });

  it('answers OPTIONS with the allowed methods', async () => {
    const t = await rest('/films', { method: 'OPTIONS' });
    expect(t.headers.get('allow')).toBe('OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE');
    const v = await rest('/nominations_view', { method: 'OPTIONS' });
    expect(v.headers.get('allow')).toBe('OPTIONS,GET,HEAD');
    const f = await rest('/rpc/add_kitchen_item', { method: 'OPTIONS' });
    expect(f.headers.get('allow')).toBe('OPTIONS,POST');
    const s = await rest('/rpc/add_them', { method: 'OPTIONS' });
    expect(s.headers.get('allow')).toBe('OPTIONS,GET,HEAD,POST');
  });

  it('describes the schema at the root as OpenAPI', async () => {
    const r = await rest('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/openapi+json; charset=utf-8');
    const doc = r.json();
    expect(doc.swagger).toBe('2.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/films', '/films_view', '/rpc/add_them']));
    expect(doc.definitions.films.properties.id).toMatchObject({ type: 'integer', format: 'integer' });
  });

  it('rejects unknown paths and methods', async () => {
    expect((await rest('/a/b/c')).json()).toMatchObject({ code: 'PGRST125' });
    const rpcPatch = await rest('/rpc/add_them', { method: 'PATCH', body: '{}' });
    expect(rpcPatch.status).toBe(405);
    expect(rpcPatch.json()).toMatchObject({ code: 'PGRST101', message: 'Cannot use the PATCH method on RPC' });
  });

  it('reloads the schema cache on NOTIFY pgrst', async () => {
    expect((await rest('/late_table')).status).toBe(404);
    const made = await rest('/rpc/make_late_table', { method: 'POST', body: '{}' });
    expect(made.status).toBe(204);
    let status = 404;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await rest('/late_table')).status;
    }
    expect(status).toBe(200);
  });
});
