/**
 * What the activity plugins' lowerings share: their arguments lowered, and the checks of them
 * against the timeline — points on it (Start, End, Cohort) of its type; lengths along it (windows,
 * bins) as timespans for a datetime timeline and numbers otherwise.
 */
import type { KqlType } from '../values';
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf } from './syntax';
import type { Expr } from './types';

const NUMERIC: readonly KqlType[] = ['int', 'long', 'real', 'decimal'];

export interface TimelineArguments {
  point(e: Expr, name: string): void;
  length(e: Expr, name: string): void;
}

/**
 * Kusto.Language has already checked that each is summable (a number, timespan or datetime; a Bin
 * given as text, which the reference mentions, stops there); what is left is that they agree.
 */
export function timelineArguments(plugin: string, timeline: Expr, ctx: LowerContext): TimelineArguments {
  const isTime = timeline.type === 'datetime';
  const lengthKind = (t: KqlType): boolean => t === 'timespan' || NUMERIC.includes(t);
  const expect = (e: Expr, ok: boolean, name: string, what: string): void => {
    if (!ok) {
      throw ctx.errors.at(
        e.span,
        'KQL-ARGUMENT',
        `${plugin}: ${name} is ${what} for a ${timeline.type} timeline, not ${e.type}.`,
      );
    }
  };
  return {
    point: (e, name) =>
      expect(e, isTime ? e.type === 'datetime' : lengthKind(e.type), name, isTime ? 'a datetime' : 'a number'),
    length: (e, name) =>
      expect(e, isTime ? e.type === 'timespan' : lengthKind(e.type), name, isTime ? 'a timespan' : 'a number'),
  };
}

/** A plugin call's arguments, lowered in order. */
export function loweredArguments(call: Kusto.Language.Syntax.FunctionCallExpression, ctx: LowerContext): Expr[] {
  return elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions).map((n) => lowerExpr(n, ctx));
}

/** Start and End, checked as points, where a plugin takes both or neither (undefined then). */
export function optionalPeriod(
  check: TimelineArguments,
  start: Expr | undefined,
  end: Expr | undefined,
): { start: Expr; end: Expr } | undefined {
  if (!start || !end) {
    return undefined;
  }
  check.point(start, 'Start');
  check.point(end, 'End');
  return { start, end };
}
