import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TYPES_FILE, generateTypes } from './gen-types.ts';

describe('src/data/database.types.ts', () => {
  it('matches the migrations (regenerate with `npx tsx scripts/gen-types.ts`)', async () => {
    const generated = await generateTypes();
    expect(await readFile(TYPES_FILE, 'utf8')).toBe(generated);
    // the RPCs the app calls, typed as `supabase gen types` types them
    expect(generated).toContain('save_translation: {\n        Args: {\n          p_body: Json\n');
    expect(generated).toMatch(/review_annotation: \{[\s\S]*?SetofOptions: \{\n\s+from: "\*"\n\s+to: "annotations"\n\s+isOneToOne: true\n\s+isSetofReturn: false/);
    expect(generated).toContain('import_document: {\n        Args: { p_document: Json; p_project_id: string }\n        Returns: string\n');
  }, 60_000);
});
