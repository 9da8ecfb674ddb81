/** Log Analytics' answers as the service nests them, for the loopback server's scripts. */

/** The 400 the service answers for a name it cannot resolve (SEM0100, two levels down). */
export function unresolvedName(operator: string, name: string, kind = 'table or column') {
  return {
    status: 400,
    body: {
      error: {
        message: 'The request had some invalid properties',
        code: 'BadArgumentError',
        correlationId: '9b7c0f7e-0000-4000-8000-000000000000',
        innererror: {
          code: 'SemanticError',
          message: 'A semantic error occurred.',
          innererror: {
            code: 'SEM0100',
            message: `'${operator}' operator: Failed to resolve ${kind} expression named '${name}'`,
          },
        },
      },
    },
  };
}
