import type { KindRegistry, NodeKind } from '../engine/types';
import { add } from './add';
import { addConstant } from './add-constant';
import { biasAdd } from './bias-add';
import { constant } from './constant';
import { copy } from './copy';
import { divide } from './divide';
import { exp } from './exp';
import { input } from './input';
import { log } from './log';
import { matmul } from './matmul';
import { max } from './max';
import { min } from './min';
import { multiply } from './multiply';
import { multiplyConstant } from './multiply-constant';
import { negate } from './negate';
import { parameter } from './parameter';
import { reciprocal } from './reciprocal';
import { relu } from './relu';
import { sigmoid } from './sigmoid';
import { subtract } from './subtract';
import { sum } from './sum';
import { tanh } from './tanh';
import { transpose } from './transpose';

/** Every built-in node kind, in palette order. */
export const builtinKinds: readonly NodeKind[] = [
  input, parameter, constant,
  add, subtract, multiply, divide, max, min, copy,
  negate, exp, log, reciprocal, addConstant, multiplyConstant, sum,
  matmul, biasAdd, transpose,
  sigmoid, tanh, relu,
];

export const registry: KindRegistry = new Map(builtinKinds.map((kind) => [kind.kind, kind]));
