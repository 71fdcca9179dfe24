// Message templates: `{name}` placeholders and ICU plural blocks, "{count, plural, one {# edit} other {# edits}}"
// (exact "=n" cases too, "#" standing for the number), the form chosen by the locale's plural rules.
const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_CASE = /(=?\w+)\s*\{([^{}]*)\}/g;
const RULES = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string): Intl.PluralRules {
  let rules = RULES.get(locale);
  if (!rules) RULES.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

function selectPlural(cases: string, raw: string | number, rules: Intl.PluralRules): string {
  const byName = new Map<string, string>();
  for (const [, name, text] of cases.matchAll(PLURAL_CASE)) byName.set(name!, text!);
  const value = Number(raw);
  const chosen = (Number.isFinite(value) ? (byName.get(`=${value}`) ?? byName.get(rules.select(value))) : undefined) ?? byName.get('other') ?? '';
  return chosen.replace(/#/g, String(raw));
}

/** Fills `{name}` placeholders and picks plural forms by the rules of `locale` (a BCP 47 tag). */
export function formatMessage(template: string, vars?: Record<string, string | number>, locale = 'en'): string {
  if (!vars) return template;
  const plural = template.replace(PLURAL, (whole, name: string, cases: string) =>
    name in vars ? selectPlural(cases, vars[name]!, pluralRules(locale)) : whole,
  );
  return plural.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
