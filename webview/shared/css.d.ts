// esbuild loads .css files as text (scripts/build.mjs); the webviews inject them with the CSP nonce.
declare module '*.css' {
  const text: string;
  export default text;
}
