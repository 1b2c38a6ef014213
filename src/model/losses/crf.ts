/** @file `crf`: the sequence negative log-likelihood of the gold path under the CRF, averaged over sentences. */
import { crfNll } from './tokenOps';
import type { LossFactory } from './types';

export const crfLoss: LossFactory = {
  create: () => ({ variables: [], compute: (x) => crfNll(x) }),
};
