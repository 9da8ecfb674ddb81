/** What lowering carries along: the error factory, the globals, and the lexical scope of `let`s and parameters. */
import type { ErrorFactory, Node } from './syntax';
import type { Expr, Plan } from './types';

export type Binding =
  /**
   * `row`: for a function's parameter, the row context its argument was lowered in (LowerContext's
   * rowScope); a subquery computed once cannot read an argument that varies by row there.
   */
  | { readonly k: 'scalar'; readonly expr: Expr; readonly row?: RowScope }
  | { readonly k: 'tabular'; readonly plan: Plan }
  | { readonly k: 'function'; readonly declaration: Kusto.Language.Syntax.FunctionDeclaration; readonly scope: Scope }
  | { readonly k: 'pattern'; readonly declaration: Kusto.Language.Syntax.PatternStatement; readonly scope: Scope };

/**
 * What a `restrict access to (…)` statement leaves visible (restrict.ts). The statements after it, and
 * the bodies of functions declared after it, see it through their scope; names declared after it are
 * the query's own and stay visible.
 */
export interface Restriction {
  /** The scope the restrict statement saw: only what was declared in it can be restricted. */
  readonly before: Scope;
  /** Whether a name declared before it (a tabular `let`, a view or function, a pattern) stays visible. */
  readonly declared: (name: string) => boolean;
  /** Whether a table or stored function of the database stays visible. */
  readonly database: (name: string) => boolean;
  /** The statement's list of entities as written, for errors. */
  readonly entities: string;
}

export class Scope {
  private readonly names = new Map<string, Binding>();
  /** The restriction in force here: the parent's unless a restrict statement opened this scope. */
  readonly restriction?: Restriction;
  constructor(
    readonly parent?: Scope,
    restriction?: Restriction,
  ) {
    this.restriction = restriction ?? parent?.restriction;
  }
  set(name: string, binding: Binding): void {
    this.names.set(name, binding);
  }
  get(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.get(name);
  }
  /** Every name in scope, outermost first, each once (an inner declaration shadows an outer one). */
  declaredNames(): string[] {
    const outer = this.parent?.declaredNames() ?? [];
    return [...outer, ...[...this.names.keys()].filter((n) => !outer.includes(n))];
  }
}

/** The rows an expression is evaluated over: the query's operators share one, each toscalar()/`in` subquery has its own. */
export interface RowScope {
  /** What the subquery opening this scope is called in errors ('toscalar', 'in'). */
  readonly opener?: string;
}

export interface LowerContext {
  readonly errors: ErrorFactory;
  readonly globals: Kusto.Language.GlobalState;
  readonly scope: Scope;
  /** Allocates ids for shared (let / materialize) plans. */
  nextId(): number;
  /** Depth of user-function expansion, to stop runaway recursion. */
  readonly depth: number;
  /** Lowers a tabular expression (expressions need it for toscalar(), `in (T)` and user functions). */
  readonly tabular: TabularLowerer;
  /** Inside summarize: turns an aggregate call nested in an expression into a reference to its result. */
  /** Inside `search`: bare string literals are search terms. */
  readonly search?: boolean;
  /** Every stored table, for `search` without `in (…)`. */
  readonly tableNames: readonly string[];
  /** Values given for `declare query_parameters` (as text, as Kusto's request properties carry them). */
  readonly parameters?: ReadonlyMap<string, string>;
  /**
   * Values of the `set` statements before the query that change what it computes, by option name
   * (query_bin_auto_size and query_bin_auto_at, read by bin_auto()); other options change nothing here.
   */
  readonly options?: ReadonlyMap<string, Expr>;
  /** Undefined at the query's level; a fresh object inside each toscalar() or `in (T)` subquery. */
  readonly rowScope?: RowScope;
  readonly aggregate?: (call: Kusto.Language.Syntax.FunctionCallExpression) => Expr;
  /** Inside mv-apply's subquery: the rows a leading operator with no source of its own reads. */
  readonly implicitInput?: Plan;
  /** Inside scan's steps: the step names, and the `step.Column` state references met so far. */
  readonly scan?: ScanLowering;
  /**
   * Inside `partition by Key { Source | … }`: the key column of the partitioned input (the binder's
   * symbol for it) and what a reference to it reads instead, the current part's key value.
   */
  readonly partitionKey?: { readonly symbol: unknown; readonly value: Expr };
  /**
   * Inside graph-match's `where` and `project`: lowers what names a pattern variable (`n.name`,
   * `node_id(n)`, `all(e, …)`), or returns undefined for an ordinary expression (plan/graphMatch.ts).
   */
  readonly graph?: (node: Node, ctx: LowerContext) => Expr | undefined;
}

export interface ScanLowering {
  readonly steps: ReadonlyMap<string, number>;
  /** By the synthetic column name each reference is lowered to. */
  readonly refs: Map<string, { readonly step: number; readonly column: string }>;
}

/** The column a scan step's condition or assignment reads for `step.column` (exec/scan.ts supplies it). */
export function scanStateColumn(step: number, column: string): string {
  return `\u0000scan${step}\u0001${column}`;
}

export function withScope(ctx: LowerContext, scope: Scope, deeper = false): LowerContext {
  return { ...ctx, scope, depth: ctx.depth + (deeper ? 1 : 0), nextId: ctx.nextId };
}

export type TabularLowerer = (node: Node, ctx: LowerContext) => Plan;
