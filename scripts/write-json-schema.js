// Build step: writes dist/schema.json (cxkit/schema.json) from the zod schemas, through the built collector.
import { writeFileSync } from 'node:fs';

const built = '../dist/collector/index.js';
/** @type {typeof import('../collector/index.js')} */
const { jsonSchemas } = await import(built);
writeFileSync(new URL('../dist/schema.json', import.meta.url), `${JSON.stringify(jsonSchemas(), null, 2)}\n`);
