/**
 * The plan interpreter: runs each operator of the optimized plan (optimize/) on its input's result,
 * with checks and positions for errors. It runs the plan as it is; rewrites belong to the optimizer.
 */
import { QueryCancelledError, QueryTimeoutError } from '../../results/errors';
import { EvaluationError, UnsupportedError } from '../functions';
import type { Plan } from '../plan/types';
import { Table } from '../table';
import { runActiveUsersCount } from './activeUsersCount';
import { runActivityCountsMetrics } from './activityCountsMetrics';
import { runActivityEngagement } from './activityEngagement';
import { runActivityMetrics } from './activityMetrics';
import { runAutocluster } from './autocluster';
import {
  runCount,
  runDatatable,
  runExtend,
  runFilter,
  runGetschema,
  runPrint,
  runProject,
  runRange,
  runSelect,
  runTake,
} from './basic';
import { runBasket } from './basket';
import type { ExecContext } from './context';
import { runDcountIntersect } from './dcountIntersect';
import { runDiffpatterns } from './diffpatterns';
import { runBagUnpack, runNarrow, runPivot } from './evaluate';
import { runFind } from './find';
import { runFunnelSequence } from './funnelSequence';
import { runFunnelSequenceCompletion } from './funnelSequenceCompletion';
import { runGeoLookup } from './geoLookup';
import { runGraphMatch } from './graphMatch';
import { runGraph } from './graphSource';
import { graphToTable } from './graphToTable';
import { runIpLookup } from './ipLookup';
import { runJoin, runLookup } from './join';
import { materializeTable } from './lazy';
import { runMakeSeries } from './makeSeries';
import { asMemoryLimit } from './memoryBudget';
import { runMvApply } from './mvApply';
import { runMvExpand } from './mvExpand';
import { runNewActivityMetrics } from './newActivityMetrics';
import { runParse } from './parse';
import { runParseKv } from './parseKv';
import { runPartition } from './partition';
import { runReduce } from './reduce';
import { runRollingPercentile } from './rollingPercentile';
import { runRowsNear } from './rowsNear';
import { runBagUnpackFromData, runPivotFromData } from './runtimeColumns';
import { runSample, runSampleDistinct } from './sample';
import { runScan } from './scan';
import { runSequenceDetect } from './sequenceDetect';
import { runSessionCount } from './sessionCount';
import { runSlidingWindowCounts } from './slidingWindowCounts';
import { runSort, runTop } from './sort';
import { readStoredTable } from './storedTable';
import { runSummarize } from './summarize';
import { runTopNested } from './topNested';
import { runSearch, runUnion } from './union';

export function runPlan(plan: Plan, ctx: ExecContext): Table {
  ctx.check();
  switch (plan.k) {
    case 'table':
      return readStoredTable(plan, ctx);
    case 'shared': {
      let t = ctx.shared.get(plan.id) as Table | undefined;
      if (!t) {
        t = runPlan(plan.plan, ctx);
        ctx.shared.set(plan.id, t);
      }
      return t;
    }
    case 'print':
      return at(plan, ctx, () => runPrint(plan, ctx));
    case 'range':
      return at(plan, ctx, () => runRange(plan, ctx));
    case 'datatable':
      return at(plan, ctx, () => runDatatable(plan));
    case 'union': {
      const inputs = plan.inputs.map((i) => ({ table: runPlan(i.plan, ctx), source: i.source }));
      return at(plan, ctx, () => runUnion(plan, inputs, ctx));
    }
    case 'search': {
      const inputs = plan.inputs.map((i) => ({ table: runPlan(i.plan, ctx), source: i.source }));
      return at(plan, ctx, () => runSearch(plan, inputs, ctx));
    }
    case 'find': {
      const inputs = plan.inputs.map((i) => ({ table: runPlan(i.plan, ctx), source: i.source }));
      return at(plan, ctx, () => runFind(plan, inputs, ctx));
    }
    case 'geoLookup': {
      const input = runPlan(plan.input, ctx);
      const lookup = runPlan(plan.lookup, ctx);
      return at(plan, ctx, () => runGeoLookup(plan, input, lookup, ctx));
    }
    case 'ipLookup': {
      const input = runPlan(plan.input, ctx);
      const lookup = runPlan(plan.lookup, ctx);
      return at(plan, ctx, () => runIpLookup(plan, input, lookup, ctx));
    }
    case 'newActivityMetrics': {
      const input = runPlan(plan.input, ctx);
      const lookback = plan.lookback && runPlan(plan.lookback.plan, ctx);
      return at(plan, ctx, () => runNewActivityMetrics(plan, input, lookback, ctx));
    }
    case 'makeGraph':
    case 'graphMarkComponents':
      throw ctx.errors.at(
        plan.span,
        'KQL-GRAPH',
        'A graph is not a table: follow it with graph-match or graph-to-table.',
      );
    case 'graphMatch': {
      const graph = runGraph(plan.input, ctx);
      return at(plan, ctx, () => runGraphMatch(plan, graph, ctx));
    }
    case 'graphToTable': {
      const graph = runGraph(plan.input, ctx);
      return at(plan, ctx, () => graphToTable(plan, graph));
    }
    case 'join':
    case 'lookup': {
      const left = runPlan(plan.left, ctx);
      const right = runPlan(plan.right, ctx);
      return at(plan, ctx, () =>
        plan.k === 'join' ? runJoin(plan, left, right, ctx) : runLookup(plan, left, right, ctx),
      );
    }
  }
  const input = runPlan(plan.input, ctx);
  return at(plan, ctx, () => runUnary(plan, input, ctx));
}

type UnaryPlan = Exclude<
  Extract<Plan, { input: Plan }>,
  {
    k:
      | 'geoLookup'
      | 'ipLookup'
      | 'newActivityMetrics'
      | 'makeGraph'
      | 'graphMarkComponents'
      | 'graphMatch'
      | 'graphToTable';
  }
>;

function runUnary(plan: UnaryPlan, input: Table, ctx: ExecContext): Table {
  switch (plan.k) {
    case 'filter':
      return runFilter(plan, input, ctx);
    case 'extend':
    case 'serialize':
      return runExtend(plan.columns, plan.schema, input, ctx);
    case 'project':
      return runProject(plan, input, ctx);
    case 'select':
      return runSelect(plan, input);
    case 'summarize':
      return runSummarize(plan, input, ctx);
    case 'sort':
      return runSort(plan, input, ctx);
    case 'take':
      return runTake(plan, input, ctx);
    case 'sample':
      return runSample(plan, input, ctx);
    case 'sampleDistinct':
      return runSampleDistinct(plan, input, ctx);
    case 'top':
      return runTop(plan, input, ctx);
    case 'count':
      return runCount(plan, input);
    case 'mvExpand':
      return runMvExpand(plan, input, ctx);
    case 'parse':
      return runParse(plan, input, ctx);
    case 'makeSeries':
      return runMakeSeries(plan, input, ctx);
    case 'topNested':
      return runTopNested(plan, input, ctx);
    case 'parseKv':
      return runParseKv(plan, input, ctx);
    case 'narrow':
      return runNarrow(plan, input, ctx);
    case 'rowsNear':
      return runRowsNear(plan, input, ctx);
    case 'dcountIntersect':
      return runDcountIntersect(plan, input, ctx);
    case 'rollingPercentile':
      return runRollingPercentile(plan, input, ctx);
    case 'sequenceDetect':
      return runSequenceDetect(plan, input, ctx);
    case 'activeUsersCount':
      return runActiveUsersCount(plan, input, ctx);
    case 'activityCountsMetrics':
      return runActivityCountsMetrics(plan, input, ctx);
    case 'slidingWindowCounts':
      return runSlidingWindowCounts(plan, input, ctx);
    case 'activityEngagement':
      return runActivityEngagement(plan, input, ctx);
    case 'activityMetrics':
      return runActivityMetrics(plan, input, ctx);
    case 'sessionCount':
      return runSessionCount(plan, input, ctx);
    case 'scan':
      return runScan(plan, input, ctx);
    case 'bagUnpack':
      return plan.open ? runBagUnpackFromData(plan, input, ctx) : runBagUnpack(plan, input, ctx);
    case 'pivot':
      return plan.open ? runPivotFromData(plan, input, ctx) : runPivot(plan, input, ctx);
    case 'funnelSequence':
      return runFunnelSequence(plan, input, ctx);
    case 'funnelSequenceCompletion':
      return runFunnelSequenceCompletion(plan, input, ctx);
    case 'patterns':
      return plan.plugin === 'basket'
        ? runBasket(plan, input, ctx)
        : plan.plugin === 'autocluster'
          ? runAutocluster(plan, input, ctx)
          : runDiffpatterns(plan, input, ctx);
    case 'mvApply':
      return runMvApply(plan, input, ctx);
    case 'partition':
      return runPartition(plan, input, ctx);
    case 'getschema':
      return runGetschema(plan, input);
    case 'reduce':
      return runReduce(plan, input, ctx);
    case 'render':
      ctx.render = plan.render;
      return input;
    case 'as':
      return input.withName(plan.name);
    case 'consume':
      // Lazy columns (selections, computed views) are computed now: the input is really run.
      materializeTable(input);
      return new Table([], 0);
  }
}

/** Runs one operator with its position recorded, turning evaluation failures into KqlErrors there. */
function at(plan: Plan, ctx: ExecContext, run: () => Table): Table {
  const previous = ctx.current;
  ctx.current = plan.span;
  try {
    return run();
  } catch (e) {
    if (e instanceof EvaluationError) {
      throw ctx.errors.at(plan.span, 'KQL-EVALUATION', e.message);
    }
    // The innermost operator a timeout or cancel passes is the one that was running (ctx.current is restored below).
    if ((e instanceof QueryTimeoutError || e instanceof QueryCancelledError) && !ctx.stoppedIn) {
      ctx.stoppedIn = plan.span;
    }
    const memory = asMemoryLimit(e, operatorName(plan.k));
    if (memory) {
      throw ctx.errors.at(plan.span, 'KQL-MEMORY', memory.message);
    }
    if (e instanceof UnsupportedError) {
      // A form only seen at run time (a non-constant argument selecting an unimplemented variant).
      throw ctx.errors.at(plan.span, 'KQL-UNSUPPORTED', `${e.message} is not supported by the embedded engine.`);
    }
    throw e;
  } finally {
    ctx.current = previous;
  }
}

/** The operator's name as written in KQL, for messages: mvExpand → mv-expand. */
function operatorName(k: Plan['k']): string {
  return k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
