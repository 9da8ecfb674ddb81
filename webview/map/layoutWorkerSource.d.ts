// The layout worker's bundle as text, provided by scripts/build.mjs (see layoutClient.ts).
declare module 'map-layout-worker-source' {
  const source: string;
  export default source;
}
