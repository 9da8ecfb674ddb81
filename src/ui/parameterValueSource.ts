/**
 * Where the extension host gets a typed query parameter value read as a literal of its declared type
 * (the prompt's check as the user types): from the language server, which has Kusto.Language loaded,
 * so the host does not load the 16 MB library (seconds under load) for the first `datetime` or
 * `timespan` a user types. What needs no parse (a string, a blank value, a type that is not a scalar)
 * is answered here without asking. When the server cannot answer (not running, failed, malformed or
 * late), the host reads the values itself, as before, and says so in the log.
 * No vscode here: languageClient.ts supplies the request.
 */
import { declaredParameterLiteral, declaredReadingWithoutParsing, parameterType } from '../engine/parameterLiteral';
import type { DeclaredParameter } from '../kql/parameterDeclaration';
import type { ParameterValueAsked, ParameterValueReading } from '../protocol/lsp';
import { validateParameterValuesResult } from '../protocol/validateParameterValues';
import { checkedServerAnswer } from './serverAnswer';

/** Sends the request; undefined when there is no running server to send it to. */
export type AskServerForValues = (values: readonly ParameterValueAsked[]) => Promise<unknown> | undefined;

/**
 * Past this a value's check stops waiting for the server (busy checking a huge document) and reads the
 * value here: shorter than the declarations' wait, since the user is typing and waits for the verdict.
 */
export const VALUE_ANSWER_TIMEOUT_MS = 5_000;

/** Each value read as a literal of its declared type, in order: its literal, or why it is not one. */
export async function readingsFor(
  values: readonly ParameterValueAsked[],
  askServer: AskServerForValues,
  note: (line: string) => void,
  timeoutMs = VALUE_ANSWER_TIMEOUT_MS,
): Promise<ParameterValueReading[]> {
  const plain = values.map((v) => declaredReadingWithoutParsing(v.text, v.type));
  const toParse = values.filter((_, i) => plain[i] === undefined);
  if (toParse.length === 0) {
    return plain as ParameterValueReading[];
  }
  const answer = await checkedServerAnswer(
    askServer(toParse),
    (result) => validateParameterValuesResult(result, toParse),
    timeoutMs,
  );
  let parsed: readonly ParameterValueReading[];
  if (answer.ok) {
    parsed = answer.value;
  } else {
    note(`Query parameter values read in the extension host (loads Kusto.Language here): ${answer.reason}.`);
    parsed = toParse.map((v) => declaredParameterLiteral(v.text, v.type));
  }
  let next = 0;
  return plain.map((p) => p ?? parsed[next++]!);
}

/** Why `text` will not do for a parameter declared with `declaredType`, or undefined when it will. */
export async function valueProblemFor(
  text: string,
  declaredType: string,
  askServer: AskServerForValues,
  note: (line: string) => void,
  timeoutMs = VALUE_ANSWER_TIMEOUT_MS,
): Promise<string | undefined> {
  const [reading] = await readingsFor([{ text, type: declaredType }], askServer, note, timeoutMs);
  return reading && 'problem' in reading ? reading.problem : undefined;
}

/**
 * The literals of a Run's typed values (or of the defaults of those without one), by name, for a backend
 * that writes the values into the query (Log Analytics): read by the server, so that backend does not
 * load the library either. Strings are left out (the backend quotes them itself, with no parse), and so
 * is a value that does not read: the backend reads it and says why it will not do.
 */
export async function literalsFor(
  declared: readonly DeclaredParameter[],
  values: Readonly<Record<string, string>>,
  askServer: AskServerForValues,
  note: (line: string) => void,
  timeoutMs = VALUE_ANSWER_TIMEOUT_MS,
): Promise<Record<string, string>> {
  const typed = declared.flatMap((p) => {
    const text = Object.hasOwn(values, p.name) ? values[p.name] : p.defaultText;
    const type = parameterType(p.type);
    return text !== undefined && type !== undefined && type !== 'string' ? [{ name: p.name, text, type: p.type }] : [];
  });
  const readings = await readingsFor(
    typed.map((p) => ({ text: p.text, type: p.type })),
    askServer,
    note,
    timeoutMs,
  );
  return Object.fromEntries(
    typed.flatMap((p, i) => {
      const reading = readings[i]!;
      return 'literal' in reading ? [[p.name, reading.literal]] : [];
    }),
  );
}
