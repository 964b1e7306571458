import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parameterChangesJsonSchema } from './parameter-changes-file';

describe('parameter_changes.json schema', () => {
  it('is documented in docs/schemas exactly as the code builds it (regenerate: npx tsx scripts/write-audit-schemas.mts)', () => {
    const documented = JSON.parse(readFileSync('docs/schemas/parameter_changes.schema.json', 'utf8')) as unknown;
    expect(documented).toEqual(parameterChangesJsonSchema());
  });
});
