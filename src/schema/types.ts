/** The scalar types of the Kusto type system, by their KQL names. */
export type KqlType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'string'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'dynamic';

export const KQL_TYPES: readonly KqlType[] = [
  'bool',
  'int',
  'long',
  'real',
  'decimal',
  'string',
  'datetime',
  'timespan',
  'guid',
  'dynamic',
];

export interface ColumnSchema {
  readonly name: string;
  readonly type: KqlType;
  readonly description: string;
}

export interface TableSchema {
  readonly name: string;
  readonly description: string;
  /** Where the table comes from, shown in hovers ("VM insights Map", "Service Map (legacy)"). */
  readonly group: string;
  readonly columns: readonly ColumnSchema[];
  /**
   * A data folder's table: the files it was loaded from, as the user names them ("VMBoundPort.csv",
   * "the 4 files under am-VMBoundPort/"), so a note about a column they lack can name them.
   */
  readonly files?: string;
}
