/**
 * Functions the local engine refuses on purpose, with the reason its error gives: each needs data that
 * cannot be shipped with the extension, so any answer here would differ from Kusto's.
 */
const REASONS: Readonly<Record<string, string>> = {
  geo_info_from_ip_address:
    "it looks addresses up in MaxMind's GeoLite2-City database, which is licensed data (downloaded only with a MaxMind account, about 70 MB, replaced weekly) that the extension cannot ship, so no local answer would match Kusto's; run the query on Log Analytics",
};

/** Why the engine does not run `name`, when it refuses it on purpose. */
export function refusalReason(name: string): string | undefined {
  return Object.hasOwn(REASONS, name) ? REASONS[name] : undefined;
}
