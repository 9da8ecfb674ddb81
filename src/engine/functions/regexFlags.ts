/** The flags a KQL regex is compiled with, shared by the RE2 matcher and its native fast path. */
export interface RegexFlags {
  readonly caseInsensitive?: boolean;
  readonly multiline?: boolean;
  readonly dotAll?: boolean;
}
