import { describe, expect, it } from 'vitest';
import { fuzzyBest } from './fuzzy.ts';
import { contentType, parseAccept, parsePreferences, preferenceApplied } from './negotiation.ts';
import { parseViewTargetList } from './schema-cache.ts';
import { statusForSqlState } from './errors.ts';

describe('Prefer', () => {
  it('takes the first of each preference and collects unknown ones', () => {
    const p = parsePreferences('count=exact,  tx=commit ,return=representation, tx=rollback, missing=default, handling=strict, anything, max-affected=5, timezone=UTC', new Set(['UTC']));
    expect(p).toEqual({
      count: 'exact',
      tx: 'commit',
      representation: 'representation',
      missing: 'default',
      handling: 'strict',
      maxAffected: 5,
      timezone: 'UTC',
      invalid: ['anything'],
    });
    expect(parsePreferences('timezone=Mars/Olympus', new Set(['UTC'])).invalid).toEqual(['timezone=Mars/Olympus']);
  });

  it('writes Preference-Applied in PostgREST order', () => {
    expect(preferenceApplied({ count: 'exact', representation: 'minimal', resolution: 'merge-duplicates', missing: 'default', tx: 'rollback' })).toBe(
      'resolution=merge-duplicates, missing=default, return=minimal, count=exact, tx=rollback',
    );
    expect(preferenceApplied({ maxAffected: 3 })).toBeUndefined();
    expect(preferenceApplied({ handling: 'strict', maxAffected: 3 })).toBe('handling=strict, max-affected=3');
  });
});

describe('Accept', () => {
  it('orders by q and specificity and decodes vendor types', () => {
    expect(parseAccept('text/csv;q=0.5, application/json')).toEqual([{ kind: 'json' }, { kind: 'csv' }]);
    expect(parseAccept('*/*, text/csv')).toEqual([{ kind: 'csv' }, { kind: 'any' }]);
    expect(parseAccept(undefined)).toEqual([{ kind: 'any' }]);
    expect(parseAccept('application/vnd.pgrst.object+json; nulls=stripped')).toEqual([{ kind: 'object', strip: true }]);
    expect(parseAccept('application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|buffers;')).toEqual([
      { kind: 'plan', format: 'json', for: { kind: 'csv' }, options: ['analyze', 'buffers'] },
    ]);
    expect(contentType({ kind: 'object', strip: false })).toBe('application/vnd.pgrst.object+json; charset=utf-8');
  });
});

describe('errors and hints', () => {
  it('maps SQLSTATEs to HTTP statuses', () => {
    expect(statusForSqlState('23505', '', false)).toBe(409);
    expect(statusForSqlState('42501', '', false)).toBe(401);
    expect(statusForSqlState('42501', '', true)).toBe(403);
    expect(statusForSqlState('PT418', '', true)).toBe(418);
    expect(statusForSqlState('22023', 'role "x" does not exist', true)).toBe(401);
    expect(statusForSqlState('40001', '', true)).toBe(500);
    expect(statusForSqlState('53300', '', true)).toBe(503);
    expect(statusForSqlState('22P02', '', true)).toBe(400);
  });

  it('suggests close names', () => {
    expect(fuzzyBest(['films', 'directors', 'actors'], 'film')).toBe('films');
    expect(fuzzyBest(['films', 'directors'], 'zzz')).toBeUndefined();
  });

  it('reads a view target list from pg_rewrite', () => {
    const action =
      '({QUERY :commandType 1 :rtable ({RTE :alias <> :subquery {QUERY :targetList ({TARGETENTRY :expr {VAR :varno 1} :resno 1 :resname inner :ressortgroupref 0 :resorigtbl 9 :resorigcol 9 :resjunk false})}}) :targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 16390 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {FUNCEXPR :args ({VAR :varno 1})} :resno 2 :resname film\\ title :ressortgroupref 0 :resorigtbl 16390 :resorigcol 3 :resjunk false}) :override 0})';
    expect(parseViewTargetList(action)).toEqual([
      { resname: 'id', tbl: '16390', col: 1 },
      { resname: 'film title', tbl: '16390', col: 3 },
    ]);
  });
});
