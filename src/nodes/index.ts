import type { KindRegistry, NodeKind } from '../engine/types';
import { add } from './add';
import { addConstant } from './add-constant';
import { batch } from './batch';
import { biasAdd } from './bias-add';
import { constant } from './constant';
import { copy } from './copy';
import { divide } from './divide';
import { elasticNet } from './elastic-net';
import { exp } from './exp';
import { input } from './input';
import { l1Penalty } from './l1-penalty';
import { l2Penalty } from './l2-penalty';
import { labels } from './labels';
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
import { softmaxCe } from './softmax-ce';
import { subtract } from './subtract';
import { sum } from './sum';
import { svmLoss } from './svm-loss';
import { tanh } from './tanh';
import { transpose } from './transpose';

/** Every built-in node kind, in palette order. */
export const builtinKinds: readonly NodeKind[] = [
  input, parameter, constant, labels, batch,
  add, subtract, multiply, divide, max, min, copy,
  negate, exp, log, reciprocal, addConstant, multiplyConstant, sum, mean,
  matmul, biasAdd, transpose,
  sigmoid, tanh, relu, leakyRelu, softmax,
  svmLoss, softmaxCe, l2Penalty, l1Penalty, elasticNet,
];

export const registry: KindRegistry = new Map(builtinKinds.map((kind) => [kind.kind, kind]));
