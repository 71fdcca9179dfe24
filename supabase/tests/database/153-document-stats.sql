-- document_stats: counters follow imports, status and span changes and notes, equal what the old
-- document_progress computed from the rows; library_documents lists, filters and sorts by them
-- for members only; autosaving text recomputes nothing.
begin;
select plan(19);
select tests.create_fixture();

-- What document_progress computed from the rows before the counters: the reference.
create function tests.counted(p_document_id uuid)
returns int[]
language sql
as $$
  with rows as (
    select p.position,
      max(case when t.status in ('translated', 'approved') then p.position + t.span - 1 end)
        over (order by p.position rows between unbounded preceding and current row) as tr,
      max(case when t.status = 'approved' then p.position + t.span - 1 end)
        over (order by p.position rows between unbounded preceding and current row) as ap
    from public.paragraphs p join public.translations t on t.paragraph_id = p.id
    where p.document_id = p_document_id
  )
  select array[
    (select count(*)::int from rows),
    (select count(*)::int from rows where tr >= position),
    (select count(*)::int from rows where ap >= position),
    (select count(*)::int from public.annotations a join public.paragraphs p on p.id = a.paragraph_id
      where p.document_id = p_document_id and a.status = 'submitted'),
    (select count(*)::int from public.annotations a join public.paragraphs p on p.id = a.paragraph_id
      where p.document_id = p_document_id and a.status = 'approved')]
$$;
create function tests.stats(p_document_id uuid)
returns int[]
language sql
as $$
  select array[s.paragraphs, s.translated, s.approved, s.notes_submitted, s.notes_approved]
  from public.document_stats s where s.document_id = p_document_id
$$;

select is(tests.stats(tests.id('doc')), array[3, 0, 0, 1, 0], 'an imported document: 3 paragraphs, none translated, one submitted note');
select is(tests.stats(tests.id('doc')), tests.counted(tests.id('doc')), 'the counters equal the rows');

update public.translations set text = 'Both sides', status = 'translated', span = 2 where id = tests.id('t1');
select is(tests.stats(tests.id('doc')), array[3, 2, 0, 1, 0], 'a translated row spanning two paragraphs counts both');
select is(tests.stats(tests.id('doc')), tests.counted(tests.id('doc')), 'still equal to the rows');

select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t1'), 'approved', null, (select version from public.translations where id = tests.id('t1')));
select tests.as_superuser();
select is(tests.stats(tests.id('doc')), array[3, 2, 2, 1, 0], 'approval counts too');

update public.annotations set status = 'submitted' where id = tests.id('researcher draft');
select is(tests.stats(tests.id('doc')), array[3, 2, 2, 2, 0], 'a note submitted');
delete from public.annotations where id = tests.id('researcher submitted');
select is(tests.stats(tests.id('doc')), array[3, 2, 2, 1, 0], 'a note deleted');
select is(tests.stats(tests.id('doc')), tests.counted(tests.id('doc')), 'still equal to the rows');

-- Autosave: text only, the counters row is not rewritten.
update public.translations set text = 'The two sides', status = 'draft' where id = tests.id('t2');
create temp table stamp as select ctid::text as at_ctid from public.document_stats where document_id = tests.id('doc');
update public.translations set text = 'The two sides decide' where id = tests.id('t2');
select is((select ctid::text from public.document_stats where document_id = tests.id('doc')), (select at_ctid from stamp),
  'saving text alone does not rewrite the counters');

delete from public.paragraphs where id = tests.id('p3');
select is(tests.stats(tests.id('doc')), tests.counted(tests.id('doc')), 'a paragraph deleted');
select is((select count(*)::int from public.document_progress where document_id = tests.id('doc') and paragraphs = 2 and translated = 2 and approved = 2),
  1, 'document_progress reads the counters');

-- The library list.
select private.import_document(tests.id('demo'), '{"title": "B later", "published_on": "2020-01-01", "keywords": ["合作", "能源"],
  "collection": "外交部", "paragraphs": [{"position": 1, "text": "一"}, {"position": 2, "text": "二"}]}'::jsonb, tests.id('owner@duizhao.test'));
select is(tests.try_as('translator', $$ select 1 from public.library_documents where project_id = tests.id('demo') $$), 'rows:2',
  'members list the documents');
select is(tests.try_as('outsider', $$ select 1 from public.library_documents $$), 'rows:0', 'outsiders list none');
select tests.authenticate_as('translator@duizhao.test');
select is(array(select title from public.library_documents where project_id = tests.id('demo') order by progress desc, title),
  array['中华人民共和国和哈萨克斯坦共和国联合宣言', 'B later'], 'sorted by progress');
select is(array(select progress from public.library_documents where project_id = tests.id('demo') order by progress desc), array[1, 0]::real[],
  'progress is the translated share');
select is(array(select title from public.library_documents where project_id = tests.id('demo') and keywords @> array['能源']),
  array['B later'], 'filtered by keyword');
select is(array(select title from public.library_documents where project_id = tests.id('demo') and published_on between '2019-01-01' and '2021-01-01'),
  array['B later'], 'filtered by date range');
select is(array(select collection || ':' || documents from public.library_collections where project_id = tests.id('demo') order by collection),
  array['习近平系列重要讲话数据库:1', '外交部:1'], 'the collections of a project, counted');
select tests.as_superuser();
select is(tests.try_as('outsider', $$ select 1 from public.library_collections $$), 'rows:0', 'outsiders see no collections');

select * from finish();
rollback;
