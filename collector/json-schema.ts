// JSON Schema of the response and the delivery batch, generated from the zod schemas (shipped as cxkit/schema.json),
// so that collectors in any language can validate what the SDK sends.
import { z } from 'zod/mini';
import { batchSchema } from '../src/schema/batch.js';
import { responseSchema } from '../src/schema/response.js';

type JsonSchema = Record<string, unknown>;

/**
 * The one rule zod checks in code rather than in shape: the scale fits the kind and the score fits the scale.
 * Written out as if/then so that a JSON Schema validator rejects what the collector rejects.
 */
const scoreOnScale: JsonSchema = {
  allOf: [
    {
      if: { properties: { kind: { const: 'nps' } } },
      then: { properties: { scale: { properties: { min: { const: 0 }, max: { const: 10 } } }, score: { minimum: 0, maximum: 10 } } },
    },
    {
      if: { properties: { kind: { const: 'csat' } } },
      then: { properties: { scale: { properties: { min: { const: 1 }, max: { const: 5 } } }, score: { minimum: 1, maximum: 5 } } },
    },
    {
      if: { properties: { kind: { const: 'ces' } } },
      then: {
        oneOf: [
          { properties: { scale: { properties: { min: { const: 1 }, max: { const: 7 } } }, score: { minimum: 1, maximum: 7 } } },
          { properties: { scale: { properties: { min: { const: 1 }, max: { const: 5 } } }, score: { minimum: 1, maximum: 5 } } },
        ],
      },
    },
  ],
};

export function jsonSchemas(): JsonSchema {
  const response = { ...(z.toJSONSchema(responseSchema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema), ...scoreOnScale };
  const { $schema, ...responseDef } = response;
  const batch = z.toJSONSchema(batchSchema, { target: 'draft-2020-12', io: 'input' }) as { properties: Record<string, unknown> };
  return {
    $schema,
    $id: 'https://cxkit.dev/schema.json',
    title: 'cxkit delivery batch',
    description: 'The body the cxkit SDK POSTs to a collector: { v: 1, sentAt, responses: Response[], displays?: Display[] }.',
    ...batch,
    properties: { ...batch.properties, responses: { type: 'array', maxItems: 50, items: { $ref: '#/$defs/Response' } } },
    // at least one answer or one display: the refinement zod checks in code
    anyOf: [{ properties: { responses: { minItems: 1 } } }, { required: ['displays'], properties: { displays: { minItems: 1 } } }],
    $defs: { Response: { title: 'cxkit response', ...responseDef } },
  };
}
