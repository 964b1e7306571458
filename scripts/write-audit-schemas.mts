// Writes docs/schemas/parameter_changes.schema.json from the zod schema the report is built with
// (lib/quarterly-audit/parameter-changes-file.ts). A test fails when the two drift apart.
import { writeFileSync } from 'node:fs';
import { parameterChangesJsonSchema } from '../lib/quarterly-audit/parameter-changes-file';

writeFileSync('docs/schemas/parameter_changes.schema.json', `${JSON.stringify(parameterChangesJsonSchema(), null, 2)}\n`);
console.log('wrote docs/schemas/parameter_changes.schema.json');
