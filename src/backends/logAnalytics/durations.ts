/** ISO-8601 durations as the query API's timespan takes them ("ending now" windows). */

/** Days, hours, minutes, seconds: P3D, PT12H, P1DT6H, PT90M. Years, months and weeks are left out: their length varies. */
const DURATION = /^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

export function isIsoDuration(text: string): boolean {
  return DURATION.test(text.trim().toUpperCase());
}
