import type { Diagnostic } from '../../engine/diagnostics';
import type { Message } from './translate';

/**
 * Returns the reason of a diagnostic as a message to translate: the reason's
 * code and values, followed by the node's wired inputs when its shape rule
 * failed. Returns null for a diagnostic without a reason code, which keeps
 * the engine's English text. That text is also the fallback for a reason
 * whose translation cannot be filled.
 */
export function reasonMessage(diagnostic: Diagnostic): Message | null {
  const { reason } = diagnostic;
  if (!reason) return null;
  const english = diagnostic.details.reason;
  const fallback = typeof english === 'string' ? english : undefined;

  const text: Message = { key: `reason.${reason.code}`, params: reason.details, fallback };
  if (!reason.inputs || reason.inputs.length === 0) return text;
  const inputs = reason.inputs.map((input): Message => ({ key: 'reason.input', params: { ...input } }));
  return { key: 'reason.withInputs', params: { reason: text, inputs }, fallback };
}
