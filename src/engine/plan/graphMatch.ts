/**
 * Lowers graph-match (and graph-shortest-paths, which shares its syntax): the patterns, the `where`
 * split into conditions on one element (run on the node or edge table before matching) and the rest
 * (run on the binding table), and the `project` columns over the binding table's hidden columns.
 */
import type { LowerContext } from './context';
import { lowerExpr, symbolKind } from './expressions';
import { type PatternVariable, readPatterns } from './graphPattern';
import { graphInput, namedParameters, operatorKeyword } from './graphSyntax';
import { assignedValue, elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, typeOf } from './syntax';
import {
  type Expr,
  GRAPH_DEGREE_IN,
  GRAPH_DEGREE_OUT,
  GRAPH_NODE_ID,
  type GraphColumn,
  type NamedExpr,
  type Plan,
} from './types';

type Variables = ReadonlyMap<string, PatternVariable>;
const QUANTIFIERS = new Set(['all', 'any', 'map']);
/** The functions of a node (its id, its degrees) and the hidden node-table column each reads. */
const NODE_FUNCTIONS: Readonly<Record<string, { column: string; type: Expr['type'] }>> = {
  node_id: { column: GRAPH_NODE_ID, type: 'string' },
  node_degree_in: { column: GRAPH_DEGREE_IN, type: 'long' },
  node_degree_out: { column: GRAPH_DEGREE_OUT, type: 'long' },
};

function nodeFunction(node: Node): { name: string; column: string; type: Expr['type'] } | undefined {
  const name = callName(node);
  return name && Object.hasOwn(NODE_FUNCTIONS, name) ? { name, ...NODE_FUNCTIONS[name]! } : undefined;
}

export function lowerGraphMatch(op: Node, input: Plan, ctx: LowerContext): Plan {
  const match = op as Kusto.Language.Syntax.GraphMatchOperator | Kusto.Language.Syntax.GraphShortestPathsOperator;
  const shortest = kindOf(op) === 'GraphShortestPathsOperator';
  graphInput(op, input, ctx);
  if (!match.ProjectClause) {
    throw ctx.errors.at(
      spanOf(op),
      'KQL-GRAPH',
      `${operatorKeyword(op)} without project gives a graph, which the embedded engine does not build: add a project clause.`,
    );
  }
  const params = namedParameters(match.Parameters);
  const cycles = params.get('cycles')?.text.toLowerCase() ?? 'unique_edges';
  if (cycles !== 'unique_edges' && cycles !== 'all' && cycles !== 'none') {
    throw ctx.errors.at(
      spanOf(params.get('cycles')!.node),
      'KQL-GRAPH',
      `cycles must be all, none or unique_edges, not '${cycles}'.`,
    );
  }
  for (const [name, p] of params) {
    if (name !== 'cycles' && !(shortest && name === 'output')) {
      throw ctx.errors.unsupported(p.node, `The ${operatorKeyword(op)} parameter '${name}'`);
    }
  }
  const output = params.get('output')?.text.toLowerCase() ?? 'any';
  if (shortest && output !== 'any' && output !== 'all') {
    throw ctx.errors.at(spanOf(params.get('output')!.node), 'KQL-GRAPH', `output must be any or all, not '${output}'.`);
  }
  const { patterns, variables } = readPatterns(match.Patterns, ctx);
  if (shortest && (patterns.length !== 1 || !patterns[0]!.edges.some((e) => e.variableLength))) {
    throw ctx.errors.at(
      spanOf(op),
      'KQL-GRAPH',
      'graph-shortest-paths takes one sequence with at least one variable-length edge.',
    );
  }
  const bindings = new Map<string, GraphColumn>();
  const bindingCtx: LowerContext = { ...ctx, graph: (n, c) => bindingExpr(n, c, variables, bindings) };
  const elementFilters: { variable: string; predicate: Expr }[] = [];
  const rest: Expr[] = [];
  for (const conjunct of conjuncts(match.WhereClause?.Condition ?? null)) {
    const refs = referencedVariables(conjunct, variables);
    if (refs.variables.size === 1 && !refs.quantified) {
      const variable = [...refs.variables][0]!;
      elementFilters.push({
        variable,
        predicate: lowerExpr(conjunct, { ...ctx, graph: (n) => elementExpr(n, variable, variables, ctx) }),
      });
      continue;
    }
    const pathOverEdges = [...refs.paths].find((v) => variables.get(v)?.variableLength);
    if (pathOverEdges) {
      throw ctx.errors.unsupported(
        conjunct,
        `A condition on the variable-length edge '${pathOverEdges}' that also reads another variable`,
      );
    }
    rest.push(lowerExpr(conjunct, bindingCtx));
  }
  const schema = schemaOf(op);
  const items = elementsOf(match.ProjectClause.Expressions);
  const columns: NamedExpr[] = items.map((item, i) => ({
    name: schema[i]!.name,
    expr: lowerExpr(assignedValue(item), bindingCtx),
  }));
  const where = rest.reduce<Expr | undefined>(
    (acc, e) => (acc ? { k: 'binary', op: 'AndExpression', left: acc, right: e, type: 'bool', span: e.span } : e),
    undefined,
  );
  return {
    k: 'graphMatch',
    input,
    match: {
      patterns,
      // A shortest path never visits a node twice: walks that do are not searched.
      cycles: shortest ? 'none' : cycles,
      elementFilters,
      where,
      bindings: [...bindings.values()],
      columns,
      ...(shortest ? { shortest: output as 'any' | 'all' } : {}),
    },
    span: spanOf(op),
    schema,
  };
}

/** `a and b and c` → [a, b, c]. */
function conjuncts(e: Node | null): Node[] {
  if (!e) {
    return [];
  }
  if (kindOf(e) === 'AndExpression') {
    const and = e as Kusto.Language.Syntax.BinaryExpression;
    return [...conjuncts(and.Left), ...conjuncts(and.Right)];
  }
  if (kindOf(e) === 'ParenthesizedExpression') {
    const inner = (e as Kusto.Language.Syntax.ParenthesizedExpression).Expression!;
    return kindOf(inner) === 'AndExpression' ? conjuncts(inner) : [e];
  }
  return [e];
}

/** The pattern variable a name refers to, if it is one. */
function variableOf(node: Node | null | undefined, variables: Variables): string | undefined {
  if (!node || kindOf(node) !== 'NameReference' || symbolKind(node) !== 'Variable') {
    return undefined;
  }
  const name = nameText(node);
  return variables.has(name) ? name : undefined;
}

function callName(node: Node): string | undefined {
  return kindOf(node) === 'FunctionCallExpression'
    ? nameText((node as Kusto.Language.Syntax.FunctionCallExpression).Name).toLowerCase()
    : undefined;
}

/** Which variables a condition reads, those read as `v.property`, and whether it uses all()/any()/map(). */
function referencedVariables(
  node: Node,
  variables: Variables,
): { variables: Set<string>; paths: Set<string>; quantified: boolean } {
  const out = { variables: new Set<string>(), paths: new Set<string>(), quantified: false };
  const visit = (n: Node, parent: Node | undefined): void => {
    const v = variableOf(n, variables);
    if (v) {
      out.variables.add(v);
      if (parent && kindOf(parent) === 'PathExpression') {
        out.paths.add(v);
      }
    }
    if (QUANTIFIERS.has(callName(n) ?? '')) {
      out.quantified = true;
    }
    for (let i = 0; i < n.ChildCount; i++) {
      const child = n.GetChild(i) as Node;
      if (child && !child.IsToken) {
        visit(child, n);
      }
    }
  };
  visit(node, undefined);
  return out;
}

/** A condition on one element, evaluated on its node or edge table: `v.p` is the column p. */
function elementExpr(node: Node, variable: string, variables: Variables, ctx: LowerContext): Expr | undefined {
  const span = spanOf(node);
  const kind = kindOf(node);
  if (kind === 'PathExpression') {
    const path = node as Kusto.Language.Syntax.PathExpression;
    if (variableOf(path.Expression, variables) === variable) {
      return { k: 'column', name: nameText(path.Selector), type: typeOf(node), span };
    }
  }
  const fn = nodeFunction(node);
  if (fn) {
    return nodeVariableOf(node as Kusto.Language.Syntax.FunctionCallExpression, fn.name, variables, ctx) === variable
      ? { k: 'column', name: fn.column, type: fn.type, span }
      : undefined;
  }
  if (variableOf(node, variables)) {
    throw ctx.errors.unsupported(node, `The pattern variable '${nameText(node)}' as a value in a condition`);
  }
  return undefined;
}

/** The node variable that node_id(), node_degree_in() or node_degree_out() is called on. */
function nodeVariableOf(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  name: string,
  variables: Variables,
  ctx: LowerContext,
): string {
  const arg = elementsOf(call.ArgumentList?.Expressions)[0];
  const v = variableOf(arg, variables);
  if (!v || variables.get(v)!.kind !== 'node') {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-GRAPH',
      `${name}() takes a node variable of the pattern (or no argument inside all(), any() or map() over inner_nodes()).`,
    );
  }
  return v;
}

/** An expression of `where` or `project` over the binding table: each use of a variable is a hidden column. */
function bindingExpr(
  node: Node,
  ctx: LowerContext,
  variables: Variables,
  bindings: Map<string, GraphColumn>,
): Expr | undefined {
  const span = spanOf(node);
  const add = (key: string, make: (column: string) => GraphColumn, type: Expr['type']): Expr => {
    let b = bindings.get(key);
    if (!b) {
      b = make(`\u0000graph${bindings.size}`);
      bindings.set(key, b);
    }
    return { k: 'column', name: b.column, type, span };
  };
  const kind = kindOf(node);
  if (kind === 'PathExpression') {
    const path = node as Kusto.Language.Syntax.PathExpression;
    const variable = variableOf(path.Expression, variables);
    if (variable) {
      const property = nameText(path.Selector);
      const type = variables.get(variable)!.variableLength ? 'dynamic' : typeOf(node);
      return add(`p ${variable}.${property}`, (column) => ({ k: 'property', column, variable, property }), type);
    }
    return undefined;
  }
  const variable = variableOf(node, variables);
  if (variable) {
    return add(`e ${variable}`, (column) => ({ k: 'element', column, variable }), 'dynamic');
  }
  const name = callName(node);
  if (name === 'node_id') {
    const v = nodeVariableOf(node as Kusto.Language.Syntax.FunctionCallExpression, name, variables, ctx);
    return add(`n ${v}`, (column) => ({ k: 'nodeId', column, variable: v }), 'string');
  }
  if (name === 'node_degree_in' || name === 'node_degree_out') {
    const v = nodeVariableOf(node as Kusto.Language.Syntax.FunctionCallExpression, name, variables, ctx);
    const direction = name === 'node_degree_in' ? 'in' : 'out';
    return add(`d ${direction} ${v}`, (column) => ({ k: 'degree', column, variable: v, direction }), 'long');
  }
  if (name === 'inner_nodes') {
    throw ctx.errors.at(span, 'KQL-GRAPH', 'inner_nodes() can only be the first argument of all(), any() or map().');
  }
  if (name === 'labels') {
    throw ctx.errors.unsupported(node, 'labels() (labels come from persisted graph models)');
  }
  if (name && QUANTIFIERS.has(name)) {
    return quantified(
      node as Kusto.Language.Syntax.FunctionCallExpression,
      name as 'all' | 'any' | 'map',
      ctx,
      variables,
      add,
    );
  }
  return undefined;
}

function quantified(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  quantifier: 'all' | 'any' | 'map',
  ctx: LowerContext,
  variables: Variables,
  add: (key: string, make: (column: string) => GraphColumn, type: Expr['type']) => Expr,
): Expr {
  const [first, body] = elementsOf(call.ArgumentList?.Expressions);
  const innerNodes = !!first && callName(first) === 'inner_nodes';
  const edgeArg = innerNodes
    ? elementsOf((first as Kusto.Language.Syntax.FunctionCallExpression).ArgumentList?.Expressions)[0]
    : first;
  const variable = variableOf(edgeArg, variables);
  if (!variable || !variables.get(variable)!.variableLength || !body) {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-GRAPH',
      `${quantifier}() takes a variable-length edge of the pattern, or inner_nodes() of one, and an expression over its properties.`,
    );
  }
  // The body reads the edge's (or inner node's) own columns by name; node_id(), node_degree_in() and
  // node_degree_out() without an argument are the inner node's.
  const expr = lowerExpr(body, {
    ...ctx,
    graph: (n) => {
      const fn = nodeFunction(n);
      if (!fn || elementsOf((n as Kusto.Language.Syntax.FunctionCallExpression).ArgumentList?.Expressions).length > 0) {
        return undefined;
      }
      if (!innerNodes) {
        throw ctx.errors.at(
          spanOf(n),
          'KQL-GRAPH',
          `${fn.name}() without an argument names an inner node: use it in ${quantifier}(inner_nodes(${variable}), …), not over the edges.`,
        );
      }
      return { k: 'column', name: fn.column, type: fn.type, span: spanOf(n) };
    },
  });
  const key = `q ${quantifier} ${innerNodes} ${variable} ${spanOf(call).start}`;
  return add(
    key,
    (column) => ({ k: 'quantified', column, quantifier, variable, innerNodes, expr }),
    quantifier === 'map' ? 'dynamic' : 'bool',
  );
}
