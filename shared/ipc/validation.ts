/**
 * Main's validation table, derived from the contract: the request schema of every invoke channel. Imports zod
 * (through the schema module), so only main and tests import this file — never the preload.
 */
import type { z } from 'zod';
import { contract, invokeEntries, type InvokeChannel, type SchemaModule } from './contract';
import * as schemas from './schemas';

type Entry = { request: (s: SchemaModule) => z.ZodType };

export const requestSchemas: Readonly<Record<InvokeChannel, z.ZodType>> = Object.fromEntries(
  invokeEntries.map(({ noun, verb, channel }) => {
    const entry = (contract.invoke as Record<string, Record<string, Entry>>)[noun]![verb]!;
    return [channel, entry.request(schemas)];
  }),
) as Record<InvokeChannel, z.ZodType>;
