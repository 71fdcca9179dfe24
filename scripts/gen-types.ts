/**
 * Generates src/data/database.types.ts from the catalog of a fresh PGlite with the migrations
 * applied, in the shape `supabase gen types typescript --schema public` prints (Database → public →
 * Tables {Row, Insert, Update, Relationships}, Views, Functions {Args, Returns}, Enums,
 * CompositeTypes, and the Tables/TablesInsert/TablesUpdate/Enums/CompositeTypes helpers).
 * Output depends only on the migrations.
 *
 *   npx tsx scripts/gen-types.ts           write the file
 *   npx tsx scripts/gen-types.ts --check   exit 1 when the file is out of date
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, prepareDatabase } from '../server/src/db/open.ts';
import type { Queryable } from '../server/src/db/types.ts';
import { runIfMain, writeOrCheck } from './lib/generated-file.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TYPES_FILE = path.join(ROOT, 'src', 'data', 'database.types.ts');
const MIGRATIONS_DIR = path.join(ROOT, 'supabase', 'migrations');
const SCHEMA = 'public';
/** The PostgREST major the Supabase CLI runs; supabase-js reads it to enable version-specific typing. */
const POSTGREST_VERSION = '13.0.5';
const PRINT_WIDTH = 80;

interface Relation {
  oid: number;
  name: string;
  kind: 'table' | 'view';
  updatable: boolean;
}

interface Column {
  relid: number;
  name: string;
  attnum: number;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  identity: string;
  generated: string;
  updatable: boolean;
}

interface Relationship {
  name: string;
  relid: number;
  columns: string[];
  refRelid: number;
  refColumns: string[];
  oneToOne: boolean;
}

interface FunctionArg {
  name: string;
  type: string;
  hasDefault: boolean;
}

interface FunctionDef {
  name: string;
  args: FunctionArg[];
  returnType: string;
  returnRelid: number | null;
  returnsSet: boolean;
  tableColumns: { name: string; type: string }[] | null;
}

interface TypeInfo {
  oid: number;
  name: string;
  schema: string;
  enums: string[];
  attributes: { name: string; type: string }[];
}

interface Catalog {
  relations: Relation[];
  columns: Column[];
  relationships: Relationship[];
  functions: FunctionDef[];
  types: TypeInfo[];
}

async function readCatalog(db: Queryable): Promise<Catalog> {
  const relations = (
    await db.query<{ oid: number; name: string; relkind: string; updatable: boolean }>(
      `select c.oid::int as oid, c.relname::text as name, c.relkind::text as relkind,
              c.relkind in ('v', 'm') and (pg_relation_is_updatable(c.oid, false) & 20) = 20 as updatable
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f')
       order by c.relname`,
      [SCHEMA],
    )
  ).rows.map((r) => ({ oid: r.oid, name: r.name, kind: (['v', 'm'].includes(r.relkind) ? 'view' : 'table') as Relation['kind'], updatable: r.updatable }));

  const columns = (
    await db.query<Column & { relkind: string }>(
      `select a.attrelid::int as relid, a.attname::text as name, a.attnum::int as attnum,
              t.typname::text as type,
              (not a.attnotnull or c.relkind in ('v', 'm')) as nullable,
              a.atthasdef as "hasDefault", a.attidentity::text as identity, a.attgenerated::text as generated,
              c.relkind not in ('v', 'm') or (pg_column_is_updatable(c.oid, a.attnum, false)) as updatable
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
       join pg_type t on t.oid = a.atttypid
       where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f') and a.attnum > 0 and not a.attisdropped
       order by a.attrelid, a.attnum`,
      [SCHEMA],
    )
  ).rows;

  const fks = (
    await db.query<{ name: string; relid: number; refRelid: number; columns: string[]; refColumns: string[]; oneToOne: boolean }>(
      `select con.conname::text as name, con.conrelid::int as relid, con.confrelid::int as "refRelid",
              array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, i)
                    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.i) as columns,
              array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, i)
                    join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.i) as "refColumns",
              exists (select 1 from pg_index i where i.indrelid = con.conrelid and i.indisunique
                      and i.indpred is null
                      and (select array_agg(x order by x) from unnest(i.indkey::int2[]) x)
                        = (select array_agg(x order by x) from unnest(con.conkey) x)) as "oneToOne"
       from pg_constraint con
       join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
       join pg_class rc on rc.oid = con.confrelid join pg_namespace rn on rn.oid = rc.relnamespace
       where con.contype = 'f' and n.nspname = $1 and rn.nspname = $1
       order by con.conname`,
      [SCHEMA],
    )
  ).rows;

  const relationships = [...fks, ...(await viewRelationships(db, relations, fks))];

  const functions = (
    await db.query<{
      name: string;
      argNames: string[] | null;
      argModes: string[] | null;
      argTypes: string[];
      nDefaults: number;
      returnType: string;
      returnRelid: number | null;
      returnsSet: boolean;
      nIn: number;
    }>(
      `select p.proname::text as name, p.proargnames::text[] as "argNames", p.proargmodes::text[] as "argModes",
              array(select t.typname::text from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality x(oid, i)
                    join pg_type t on t.oid = x.oid order by x.i) as "argTypes",
              p.pronargdefaults::int as "nDefaults", p.pronargs::int as "nIn",
              rt.typname::text as "returnType",
              nullif(rt.typrelid, 0)::int as "returnRelid",
              p.proretset as "returnsSet"
       from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace
       join pg_type rt on rt.oid = p.prorettype
       where n.nspname = $1 and p.prokind = 'f' and rt.typname <> 'trigger'
       order by p.proname, p.oid`,
      [SCHEMA],
    )
  ).rows.flatMap((f): FunctionDef[] => {
    const modes = f.argModes ?? f.argTypes.map(() => 'i');
    const names = f.argNames ?? f.argTypes.map(() => '');
    const inArgs: FunctionArg[] = [];
    const tableColumns: { name: string; type: string }[] = [];
    let inIndex = 0;
    modes.forEach((mode, i) => {
      const name = names[i] ?? '';
      const type = f.argTypes[i] ?? 'unknown';
      if (mode === 'i' || mode === 'b' || mode === 'v') {
        inArgs.push({ name, type, hasDefault: inIndex >= f.nIn - f.nDefaults });
        inIndex++;
      } else if (mode === 't') {
        tableColumns.push({ name, type });
      }
    });
    // Like the CLI: only functions PostgREST can call with named arguments (or one unnamed one).
    if (inArgs.some((a) => a.name === '') && inArgs.length !== 1) return [];
    return [
      {
        name: f.name,
        args: inArgs,
        returnType: f.returnType,
        returnRelid: f.returnRelid,
        returnsSet: f.returnsSet,
        tableColumns: tableColumns.length > 0 ? tableColumns : null,
      },
    ];
  });

  const types = (
    await db.query<{ oid: number; name: string; schema: string; enums: string[]; attributes: { name: string; type: string }[] }>(
      `select t.oid::int as oid, t.typname::text as name, n.nspname::text as schema,
              array(select e.enumlabel::text from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder) as enums,
              coalesce((select json_agg(json_build_object('name', a.attname, 'type', at.typname) order by a.attnum)
                        from pg_attribute a join pg_type at on at.oid = a.atttypid
                        where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
                          and (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c'), '[]'::json) as attributes
       from pg_type t join pg_namespace n on n.oid = t.typnamespace
       where n.nspname = $1 and (t.typtype = 'e' or (t.typtype = 'c' and (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c'))
       order by t.typname`,
      [SCHEMA],
    )
  ).rows;

  return { relations, columns, relationships, functions, types };
}

/**
 * Relationships through views, as PostgREST infers them: a view column that passes a base-table
 * column through unchanged (pg_rewrite's resorigtbl/resorigcol) carries that column's foreign keys.
 */
async function viewRelationships(db: Queryable, relations: Relation[], fks: Relationship[]): Promise<Relationship[]> {
  const views = relations.filter((r) => r.kind === 'view');
  if (views.length === 0) return [];
  const rules = (
    await db.query<{ relid: number; action: string; names: string[] }>(
      `select r.ev_class::int as relid, r.ev_action::text as action,
              array(select a.attname::text from pg_attribute a where a.attrelid = r.ev_class and a.attnum > 0 and not a.attisdropped order by a.attnum) as names
       from pg_rewrite r join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relkind in ('v', 'm') and r.rulename = '_RETURN'`,
      [SCHEMA],
    )
  ).rows;
  const attnames = new Map<string, string>();
  for (const c of (await db.query<{ relid: number; attnum: number; name: string }>(
    `select a.attrelid::int as relid, a.attnum::int as attnum, a.attname::text as name from pg_attribute a
     join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and a.attnum > 0 and not a.attisdropped`,
    [SCHEMA],
  )).rows) attnames.set(`${c.relid}.${c.attnum}`, c.name);

  const out: Relationship[] = [];
  for (const rule of rules) {
    // The view's own target list is the last one printed: nested queries come before it.
    const entries = [...rule.action.matchAll(/:resno (\d+) :resname (\S+) :ressortgroupref \d+ :resorigtbl (\d+) :resorigcol (\d+)/g)];
    const top = entries.slice(-rule.names.length);
    if (top.length !== rule.names.length || top.some((m, i) => m[2] !== rule.names[i])) continue;
    // base "relid.column" -> view column
    const passthrough = new Map<string, string>();
    top.forEach((m, i) => {
      const origin = attnames.get(`${m[3]}.${m[4]}`);
      if (Number(m[3]) !== 0 && origin) passthrough.set(`${m[3]}.${origin}`, rule.names[i]!);
    });
    const through = (relid: number, cols: string[]) => {
      const mapped = cols.map((c) => passthrough.get(`${relid}.${c}`));
      return mapped.every((c) => c !== undefined) ? (mapped as string[]) : null;
    };
    for (const fk of fks) {
      const from = through(fk.relid, fk.columns);
      if (from) out.push({ ...fk, relid: rule.relid, columns: from });
      const to = through(fk.refRelid, fk.refColumns);
      if (to) out.push({ ...fk, refRelid: rule.relid, refColumns: to, oneToOne: fk.oneToOne });
    }
  }
  return out;
}

// ─── rendering ──────────────────────────────────────────────────────────────────────────────

function tsType(pgType: string, catalog: Catalog): string {
  if (pgType.startsWith('_')) return `${tsType(pgType.slice(1), catalog)}[]`;
  switch (pgType) {
    case 'bool':
      return 'boolean';
    case 'int2':
    case 'int4':
    case 'int8':
    case 'float4':
    case 'float8':
    case 'numeric':
    case 'oid':
      return 'number';
    case 'bytea':
    case 'bpchar':
    case 'varchar':
    case 'date':
    case 'text':
    case 'citext':
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz':
    case 'uuid':
    case 'vector':
    case 'interval':
    case 'inet':
    case 'cidr':
    case 'macaddr':
    case 'name':
      return 'string';
    case 'json':
    case 'jsonb':
      return 'Json';
    case 'void':
      return 'undefined';
    case 'record':
      return 'Record<string, unknown>';
  }
  const type = catalog.types.find((t) => t.name === pgType);
  if (type?.enums.length) return `Database[${JSON.stringify(type.schema)}]["Enums"][${JSON.stringify(type.name)}]`;
  if (type?.attributes.length) return `Database[${JSON.stringify(type.schema)}]["CompositeTypes"][${JSON.stringify(type.name)}]`;
  return 'unknown';
}

const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));
const pad = (n: number) => ' '.repeat(n);

/** An object type with one member per line, as prettier keeps objects written across lines. */
function block(indent: number, members: string[]): string {
  if (members.length === 0) return '{}';
  return `{\n${members.map((m) => `${pad(indent + 2)}${m}`).join('\n')}\n${pad(indent)}}`;
}

/** An object type on one line when it fits, else one member per line (prettier's choice for `{ a; b }`). */
function inlineOrBlock(indent: number, prefix: string, members: string[]): string {
  const inline = members.length === 0 ? '{}' : `{ ${members.join('; ')} }`;
  if (indent + prefix.length + inline.length <= PRINT_WIDTH) return inline;
  return block(indent, members);
}

function columnMembers(columns: Column[], catalog: Catalog): string[] {
  return columns.map((c) => `${key(c.name)}: ${tsType(c.type, catalog)}${c.nullable ? ' | null' : ''}`);
}

function relationshipsBlock(indent: number, rels: Relationship[], catalog: Catalog): string {
  if (rels.length === 0) return '[]';
  const name = (relid: number) => catalog.relations.find((r) => r.oid === relid)?.name ?? '';
  const items = [...rels]
    .sort((a, b) => a.name.localeCompare(b.name) || name(a.refRelid).localeCompare(name(b.refRelid)) || a.columns.join().localeCompare(b.columns.join()))
    .map(
      (r) =>
        `${pad(indent + 2)}{\n` +
        [
          `foreignKeyName: ${JSON.stringify(r.name)}`,
          `columns: ${JSON.stringify(r.columns).replaceAll(',', ', ')}`,
          `isOneToOne: ${r.oneToOne}`,
          `referencedRelation: ${JSON.stringify(name(r.refRelid))}`,
          `referencedColumns: ${JSON.stringify(r.refColumns).replaceAll(',', ', ')}`,
        ]
          .map((l) => `${pad(indent + 4)}${l}`)
          .join('\n') +
        `\n${pad(indent + 2)}},`,
    );
  return `[\n${items.join('\n')}\n${pad(indent)}]`;
}

function renderTable(rel: Relation, catalog: Catalog, indent: number): string {
  const cols = catalog.columns.filter((c) => c.relid === rel.oid).sort((a, b) => a.name.localeCompare(b.name));
  const rels = catalog.relationships.filter((r) => r.relid === rel.oid);
  const insert = cols.map((c) => {
    if (c.identity === 'a' || c.generated === 's') return `${key(c.name)}?: never`;
    const optional = c.nullable || c.identity !== '' || c.hasDefault;
    return `${key(c.name)}${optional ? '?' : ''}: ${tsType(c.type, catalog)}${c.nullable ? ' | null' : ''}`;
  });
  const update = cols.map((c) => {
    if (c.identity === 'a' || c.generated === 's') return `${key(c.name)}?: never`;
    return `${key(c.name)}?: ${tsType(c.type, catalog)}${c.nullable ? ' | null' : ''}`;
  });
  const members = [
    `Row: ${block(indent + 2, columnMembers(cols, catalog))}`,
    `Insert: ${block(indent + 2, insert)}`,
    `Update: ${block(indent + 2, update)}`,
    `Relationships: ${relationshipsBlock(indent + 2, rels, catalog)}`,
  ];
  return `${key(rel.name)}: ${block(indent, members)}`;
}

function renderView(rel: Relation, catalog: Catalog, indent: number): string {
  const cols = catalog.columns.filter((c) => c.relid === rel.oid).sort((a, b) => a.name.localeCompare(b.name));
  const rels = catalog.relationships.filter((r) => r.relid === rel.oid);
  const members = [`Row: ${block(indent + 2, columnMembers(cols, catalog))}`];
  if (rel.updatable) {
    const writable = cols.map((c) => (c.updatable ? `${key(c.name)}?: ${tsType(c.type, catalog)} | null` : `${key(c.name)}?: never`));
    members.push(`Insert: ${block(indent + 2, writable)}`, `Update: ${block(indent + 2, writable)}`);
  }
  members.push(`Relationships: ${relationshipsBlock(indent + 2, rels, catalog)}`);
  return `${key(rel.name)}: ${block(indent, members)}`;
}

function renderFunction(fn: FunctionDef, catalog: Catalog, indent: number): string {
  const argMembers = [...fn.args]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((a) => `${key(a.name)}${a.hasDefault ? '?' : ''}: ${tsType(a.type, catalog)}`);
  const inner = indent + 2;
  const args = argMembers.length === 0 ? 'never' : inlineOrBlock(inner, 'Args: ', argMembers);
  const relation = fn.returnRelid === null ? undefined : catalog.relations.find((r) => r.oid === fn.returnRelid);
  let returns: string;
  let expanded = false;
  if (fn.tableColumns) {
    returns = block(inner, fn.tableColumns.map((c) => `${key(c.name)}: ${tsType(c.type, catalog)}`));
    expanded = true;
  } else if (relation) {
    const cols = catalog.columns.filter((c) => c.relid === relation.oid).sort((a, b) => a.name.localeCompare(b.name));
    returns = block(inner, columnMembers(cols, catalog));
    expanded = true;
  } else {
    returns = tsType(fn.returnType, catalog);
  }
  if (fn.returnsSet) returns += '[]';
  const members = [`Args: ${args}`, `Returns: ${returns}`];
  if (relation) {
    members.push(
      `SetofOptions: ${block(inner, [
        'from: "*"',
        `to: ${JSON.stringify(relation.name)}`,
        `isOneToOne: ${!fn.returnsSet}`,
        `isSetofReturn: ${fn.returnsSet}`,
      ])}`,
    );
  }
  const oneLine = `${key(fn.name)}: { ${members.join('; ')} }`;
  if (!expanded && !args.includes('\n') && indent + oneLine.length <= PRINT_WIDTH) return oneLine;
  return `${key(fn.name)}: ${block(indent, members)}`;
}

/** The CLI's TablesInsert/TablesUpdate helper types: the same shape over a table's Insert or Update type. */
function tableWriteHelper(name: string, field: string, inferred: string): string {
  return `export type ${name}<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      ${field}: infer ${inferred}
    }
    ? ${inferred}
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        ${field}: infer ${inferred}
      }
      ? ${inferred}
      : never
    : never
`;
}

const NEVER = '{\n        [_ in never]: never\n      }';

export function render(catalog: Catalog): string {
  const tables = catalog.relations.filter((r) => r.kind === 'table').sort((a, b) => a.name.localeCompare(b.name));
  const views = catalog.relations.filter((r) => r.kind === 'view').sort((a, b) => a.name.localeCompare(b.name));
  const functions = [...catalog.functions].sort((a, b) => a.name.localeCompare(b.name));
  const enums = catalog.types.filter((t) => t.enums.length > 0);
  const composites = catalog.types.filter((t) => t.attributes.length > 0);
  const section = (items: string[]) => (items.length === 0 ? NEVER : `{\n${items.map((i) => `${pad(6)}${i}`).join('\n')}\n${pad(4)}}`);
  const enumMember = (t: TypeInfo) => `${key(t.name)}: ${t.enums.map((e) => JSON.stringify(e)).join(' | ')}`;

  return `export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: ${JSON.stringify(POSTGREST_VERSION)}
  }
  ${SCHEMA}: {
    Tables: ${section(tables.map((t) => renderTable(t, catalog, 6)))}
    Views: ${section(views.map((v) => renderView(v, catalog, 6)))}
    Functions: ${section(functions.map((f) => renderFunction(f, catalog, 6)))}
    Enums: ${section(enums.map(enumMember))}
    CompositeTypes: ${section(
      composites.map((t) => `${key(t.name)}: ${block(6, t.attributes.map((a) => `${key(a.name)}: ${tsType(a.type, catalog)} | null`))}`),
    )}
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

${tableWriteHelper("TablesInsert", "Insert", "I")}
${tableWriteHelper("TablesUpdate", "Update", "U")}
export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  ${SCHEMA}: {
    Enums: ${enums.length === 0 ? '{}' : `{\n${enums.map((t) => `      ${key(t.name)}: [${t.enums.map((e) => JSON.stringify(e)).join(', ')}],`).join('\n')}\n    }`},
  },
} as const
`;
}

export async function generateTypes(): Promise<string> {
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    await prepareDatabase(db, { migrationsDir: MIGRATIONS_DIR });
    return render(await readCatalog(db));
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  return writeOrCheck(TYPES_FILE, await generateTypes(), { check: process.argv.includes('--check'), script: 'scripts/gen-types.ts' });
}

runIfMain(import.meta.url, main);
