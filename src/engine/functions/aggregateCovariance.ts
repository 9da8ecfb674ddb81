/**
 * covariance/covariancep and their `if` forms: sample (n − 1) and population (n) covariance of two
 * expressions. A row counts only when both are numbers (nulls are ignored); the co-moment is
 * updated in Welford's stable way, as variance() does, and follows its conventions (one row gives
 * 0 for the sample form, no rows give null).
 */
import type { KqlType } from '../values';
import { fitNumber, num } from './define';
import type { AggregateFunction, AggregateImpl } from './types';

interface CoMoments {
  n: number;
  meanX: number;
  meanY: number;
  c: number;
}

function coMoments(resultType: KqlType, population: boolean, predicateIndex: number | null): AggregateImpl<CoMoments> {
  return {
    init: () => ({ n: 0, meanX: 0, meanY: 0, c: 0 }),
    step: (s, args) => {
      const x = num(args[0] ?? null);
      const y = num(args[1] ?? null);
      if (x === null || y === null || (predicateIndex !== null && args[predicateIndex] !== true)) {
        return s;
      }
      s.n++;
      const dx = x - s.meanX;
      s.meanX += dx / s.n;
      s.meanY += (y - s.meanY) / s.n;
      s.c += dx * (y - s.meanY);
      return s;
    },
    result: (s) => {
      if (s.n === 0) {
        return null;
      }
      const value = population ? s.c / s.n : s.n === 1 ? 0 : s.c / (s.n - 1);
      return fitNumber(value, resultType === 'int' || resultType === 'long' ? 'real' : resultType);
    },
  };
}

export const covarianceAggregates: AggregateFunction[] = [
  { name: 'covariance', bind: (_t, r) => coMoments(r, false, null) as AggregateImpl },
  { name: 'covarianceif', bind: (_t, r) => coMoments(r, false, 2) as AggregateImpl },
  { name: 'covariancep', bind: (_t, r) => coMoments(r, true, null) as AggregateImpl },
  { name: 'covariancepif', bind: (_t, r) => coMoments(r, true, 2) as AggregateImpl },
];
