/**
 * The three overlapping Manhattan polygons of the reference's geo_union_polygons_array and
 * geo_simplify_polygons_array examples, as GeoJSON text.
 */
export const P1 =
  '{"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807,40.80068],[-73.98201,40.76825],[-73.97317,40.76455],[-73.9495,40.7969]]]}';
export const P2 =
  '{"type":"Polygon","coordinates":[[[-73.94622,40.79249],[-73.96888,40.79282],[-73.9577,40.7789],[-73.94622,40.79249]]]}';
export const P3 =
  '{"type":"Polygon","coordinates":[[[-73.97335,40.77274],[-73.9936,40.76630],[-73.97171,40.75655],[-73.97335,40.77274]]]}';
