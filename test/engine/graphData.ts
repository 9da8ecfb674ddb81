// Graphs of the Kusto reference's graph examples, shared by the graph tests.

/** The reference's employees and reports (graph-match, inner_nodes, node_degree_in examples). */
export const EMPLOYEES = `let employees = datatable(name:string, age:long)
[ "Alice", 32, "Bob", 31, "Eve", 27, "Joe", 29, "Chris", 45, "Alex", 35, "Ben", 23, "Richard", 39 ];
let reports = datatable(employee:string, manager:string)
[ "Bob", "Alice", "Chris", "Alice", "Eve", "Bob", "Ben", "Chris", "Joe", "Alice", "Richard", "Bob" ];
reports
| make-graph employee --> manager with employees on name`;
