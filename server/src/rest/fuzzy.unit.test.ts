import { describe, expect, it } from 'vitest';
import { fuzzyBest, fuzzyMatches } from './fuzzy.ts';

// Figures from the fuzzyset library's documentation and PostgREST's hint doctests.
const STATES = ['Alabama', 'Alaska', 'American Samoa', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'District of Columbia', 'Florida', 'Georgia', 'Guam', 'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Northern Marianas Islands', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Puerto Rico', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Virgin Islands', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming'];

const rounded = (m: [number, string][]) => m.map(([s, v]) => [Number(s.toFixed(4)), v]);

describe('fuzzy hints', () => {
  it('scores as fuzzyset does', () => {
    expect(rounded(fuzzyMatches(['Shaggy Rogers', 'Fred Jones', 'Daphne Blake', 'Velma Dinkley'], 'Shaggy Jones'))).toEqual([
      [0.7692, 'Shaggy Rogers'],
      [0.5, 'Fred Jones'],
    ]);
    expect(rounded(fuzzyMatches(STATES, 'Burger Islands'))).toEqual([
      [0.7143, 'Virgin Islands'],
      [0.5714, 'Rhode Island'],
      [0.44, 'Northern Marianas Islands'],
      [0.3571, 'Maryland'],
    ]);
    expect(rounded(fuzzyMatches(STATES, 'Why-oh-me-ing'))).toEqual([[0.5385, 'Wyoming']]);
    expect(fuzzyMatches(STATES, 'CanOfSauce')).toEqual([[0.4, 'Kansas']]);
    expect(fuzzyMatches(STATES, 'alaska')).toEqual([[1, 'Alaska']]);
  });

  it('gives PostgREST’s function hints', () => {
    const procs = ['test', 'another'];
    expect(fuzzyBest(procs, 'testt')).toBe('test');
    expect(fuzzyBest(procs, 'other')).toBe('another');
    expect(fuzzyBest(procs, 'noclosealternative')).toBeUndefined();
    const lists = ['(name, param, val)', '(attr, id)'];
    expect(fuzzyBest(lists, '(nam, pqaram, vall)')).toBe('(name, param, val)');
    expect(fuzzyBest(lists, '(param, val)')).toBe('(name, param, val)');
    expect(fuzzyBest(lists, '(attrs, id)')).toBe('(attr, id)');
    expect(fuzzyBest(lists, '(id)')).toBe('(attr, id)');
    expect(fuzzyBest(lists, '(noclosealternative)')).toBeUndefined();
    // A function called without its arguments: "()" shares no gram with a parameter list.
    expect(fuzzyBest(['(name_param)'], '()')).toBeUndefined();
  });
});
