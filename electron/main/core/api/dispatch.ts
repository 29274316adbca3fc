/**
 * Transport-agnostic entry for one invoke: rejects unknown channels and validates the payload with the shared zod
 * schema before any handler runs. Never throws: everything becomes a Result.
 */
import { invokeChannels, type InvokeChannel } from '../../../../shared/ipc/channels';
import type { ApiHandlers } from '../../../../shared/ipc/contract';
import { requestSchemas } from '../../../../shared/ipc/validation';
import { fail, type Result } from '../../../../shared/result';
import type { Logger } from '../types';
import { formatIssues } from './issues';

const known = new Set<string>(invokeChannels);

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && known.has(channel);
}

export async function dispatch(
  handlers: ApiHandlers,
  channel: unknown,
  payload: unknown,
  logger?: Logger,
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) {
    const name = typeof channel === 'string' ? `"${channel.slice(0, 100)}"` : `a ${typeof channel}`;
    return fail('invalid-request', { kind: 'unknownChannel', channel: name });
  }
  const schema = requestSchemas[channel];
  // Transports without `undefined` (JSON) send null for "no request".
  let parsed = schema.safeParse(payload);
  if (!parsed.success && payload === null) {
    const retry = schema.safeParse(undefined);
    if (retry.success) parsed = retry;
  }
  if (!parsed.success) {
    const { message, issues } = formatIssues(parsed.error.issues);
    return fail('invalid-request', { kind: 'invalidRequest', channel, detail: message }, issues);
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (error) {
    logger?.error(`Handler ${channel} threw`, error);
    return fail('internal', { kind: 'internal', what: channel });
  }
}
