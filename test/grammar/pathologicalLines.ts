/**
 * Lines built to make a careless TextMate grammar backtrack or stack without end; the tokenizer test
 * checks that each finishes, and bench/grammar.ts times them.
 */
const n = 100_000;

export const PATHOLOGICAL_LINES = {
  longString: `print s = "${'a'.repeat(n)}"`,
  unterminatedString: `print s = "${'ab\\"'.repeat(n / 4)}`,
  longVerbatim: `print s = @"${'x""'.repeat(n / 3)}"`,
  openParens: `print ${'('.repeat(n / 2)}`,
  dashes: '-'.repeat(n / 2),
  slashes: '/'.repeat(n),
  longDigits: `print ${'9'.repeat(n)}x`,
  digitsAndDots: `print ${'1.'.repeat(n / 2)}`,
  almostTimespans: `print ${'1hr1'.repeat(n / 4)}`,
  wordSoup: 'where project-away mv-expand VMConnection Computer '.repeat(n / 50),
  callChain: 'strcat('.repeat(n / 7),
  bangs: '!'.repeat(n),
  datetimes: 'datetime('.repeat(n / 9),
  obfuscatedPrefixes: 'h'.repeat(n) + '"x"',
  pipes: '| '.repeat(n / 2),
} as const satisfies Readonly<Record<string, string>>;
