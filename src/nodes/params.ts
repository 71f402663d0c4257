import type { Params } from '../engine/types';

/** Reads a number parameter that compile has completed with its default. */
export function numberParam(params: Params, name: string): number {
  const value = params[name];
  if (typeof value !== 'number') throw new Error(`parameter "${name}" must be a number, found ${JSON.stringify(value)}`);
  return value;
}
