// cytoscape-fcose ships no types; it is a cytoscape extension like any other.
declare module 'cytoscape-fcose' {
  const ext: cytoscape.Ext;
  export default ext;
}
