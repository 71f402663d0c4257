import type { KindRegistry, NodeKind } from '../engine/types';
import { add } from './add';
import { addConstant } from './add-constant';
import { biasAdd } from './bias-add';
import { constant } from './constant';
import { copy } from './copy';
import { divide } from './divide';
import { exp } from './exp';
import { input } from './input';
import { leakyRelu } from './leaky-relu';
import { log } from './log';
import { matmul } from './matmul';
import { max } from './max';
import { mean } from './mean';
import { min } from './min';
import { multiply } from './multiply';
import { multiplyConstant } from './multiply-constant';
import { negate } from './negate';
import { parameter } from './parameter';
import { reciprocal } from './reciprocal';
import { relu } from './relu';
import { sigmoid } from './sigmoid';
import { softmax } from './softmax';
import { subtract } from './subtract';
import { sum } from './sum';
import { tanh } from './tanh';
import { transpose } from './transpose';

/** Every built-in node kind, in palette order. */
export const builtinKinds: readonly NodeKind[] = [
  input, parameter, constant,
  add, subtract, multiply, divide, max, min, copy,
  negate, exp, log, reciprocal, addConstant, multiplyConstant, sum, mean,
  matmul, biasAdd, transpose,
  sigmoid, tanh, relu, leakyRelu, softmax,
];

export const registry: KindRegistry = new Map(builtinKinds.map((kind) => [kind.kind, kind]));
