// The import boundaries of eslint.config.js, checked on probe files: each rule must fire where the
// layering says it should, and stay quiet on the imports the layering allows.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: process.cwd() });
  // The first lint loads the config, the parser and the resolver: seconds on a busy machine.
  await eslint.lintText('export {};\n', { filePath: 'src/probe.ts' });
});

/** Lints `code` as if it were the file at `filePath` and returns the rule ids it broke. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const importing = (from: string, name = 'x') => `import { ${name} } from '${from}';\nexport const probe = ${name};\n`;

// Each probe parses and resolves real files; allow for a machine shared with other test runs.
describe('import boundaries', { timeout: 30_000 }, () => {
  it('catches a feature importing a sibling feature through ../', async () => {
    expect(await violations('src/features/library/probe.ts', importing('../workspace/paragraph-row.tsx', 'ParagraphRow'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
  });

  it('keeps the local server out of every part of the app, features included', async () => {
    for (const file of ['src/features/library/probe.ts', 'src/data/probe.ts', 'src/app/probe.ts', 'src/domain/import/probe.ts']) {
      const depth = file.split('/').length - 1;
      expect(await violations(file, importing(`${'../'.repeat(depth)}server/src/config.ts`, 'DEMO_ANON_KEY')), file).toContain(
        'import-x/no-restricted-paths',
      );
    }
  });

  it('keeps supabase-js in src/data', async () => {
    expect(await violations('src/features/library/probe.ts', importing('@supabase/supabase-js', 'createClient'))).toEqual(['no-restricted-imports']);
    expect(await violations('src/data/probe.ts', importing('@supabase/supabase-js', 'createClient'))).toEqual([]);
  });

  it('lets each layer import only the layers below it', async () => {
    expect(await violations('src/editor/probe.ts', importing('../data/client.ts', 'supabase'))).toEqual(['import-x/no-restricted-paths']);
    expect(await violations('src/components/probe.ts', importing('../data/session.ts', 'useSession'))).toEqual(['import-x/no-restricted-paths']);
    expect(await violations('src/i18n/probe.ts', importing('../components/badge.tsx', 'Badge'))).toEqual(['import-x/no-restricted-paths']);
    expect(await violations('src/data/probe.ts', importing('../editor/rich-text.ts', 'docToPlainText'))).toEqual(['import-x/no-restricted-paths']);
    expect(await violations('src/workers/probe.ts', importing('../data/errors.ts', 'errorKind'))).toEqual(['import-x/no-restricted-paths']);
    expect(await violations('src/features/workspace/probe.ts', importing('../../app/router.tsx', 'createRouter'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await violations('src/components/probe.ts', importing('../i18n/i18n.tsx', 'useT'))).toEqual([]);
    expect(await violations('src/features/workspace/probe.ts', importing('../../workers/parse-client.ts', 'ParseWorkerClient'))).toEqual([]);
  });

  it('reaches a domain module only through its index.ts', async () => {
    expect(await violations('src/features/workspace/probe.ts', importing('../../domain/anchor/match-quote.ts', 'anchorQuote'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await violations('src/domain/align/probe.ts', importing('../text/dates.ts', 'parseDate'))).toEqual(['import-x/no-restricted-paths']);
    expect(await violations('src/features/workspace/probe.ts', importing('../../domain/anchor/index.ts', 'anchorQuote'))).toEqual([]);
  });

  it('keeps src/domain free of React and DOM globals', async () => {
    expect(await violations('src/domain/import/probe.ts', importing('react', 'useState'))).toEqual(['no-restricted-imports']);
    expect(await violations('src/domain/import/probe.ts', 'export const title = () => document.title + window.name;\n')).toEqual([
      'no-restricted-globals',
      'no-restricted-globals',
    ]);
    expect(await violations('src/domain/import/probe.ts', "export const decoder = () => new TextDecoder('utf-8');\n")).toEqual([]);
  });

  it('fails an import it cannot resolve, which the zones could not check', async () => {
    expect(await violations('src/features/workspace/probe.ts', importing('./missing.ts'))).toEqual(['import-x/no-unresolved']);
  });
});
