/**
 * geo_from_wkt: a shape in Well-known text (POINT, LINESTRING, POLYGON, their MULTI forms and
 * GEOMETRYCOLLECTION; x y pairs, a Z or M coordinate read and dropped) as the GeoJSON the other geo
 * functions take. Coordinates are reals in the dynamic value, as Kusto's are. Anything else (a
 * missing coordinate list, EMPTY, an unknown keyword, trailing text) gives null, as documented.
 */
import { recordOf } from '../../results/jsonData';
import { type DynamicValue, realInDynamic } from '../values';
import { scalar } from './define';
import type { ScalarFunction } from './types';

class WktReader {
  private at = 0;
  constructor(private readonly text: string) {}

  private skip(): void {
    while (/\s/.test(this.text[this.at] ?? '')) {
      this.at++;
    }
  }

  word(): string {
    this.skip();
    const m = /^[A-Za-z]+/.exec(this.text.slice(this.at));
    this.at += m ? m[0].length : 0;
    return m ? m[0].toUpperCase() : '';
  }

  take(c: string): boolean {
    this.skip();
    if (this.text[this.at] === c) {
      this.at++;
      return true;
    }
    return false;
  }

  expect(c: string): void {
    if (!this.take(c)) {
      throw new SyntaxError(c);
    }
  }

  done(): boolean {
    this.skip();
    return this.at === this.text.length;
  }

  number(): number {
    this.skip();
    const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.at));
    if (!m) {
      throw new SyntaxError('number');
    }
    this.at += m[0].length;
    return Number(m[0]);
  }

  /** x y [z [m]] */
  position(): DynamicValue {
    const x = this.number();
    const y = this.number();
    for (let extra = 0; extra < 2 && /^\s*[-+.\d]/.test(this.text.slice(this.at)); extra++) {
      this.number();
    }
    return [realInDynamic(x), realInDynamic(y)];
  }

  /** ( item, item, ... ) */
  list<T>(item: () => T): T[] {
    this.expect('(');
    const out = [item()];
    while (this.take(',')) {
      out.push(item());
    }
    this.expect(')');
    return out;
  }

  /** A MULTIPOINT's point, with or without its own parentheses. */
  multiPoint(): DynamicValue {
    if (this.take('(')) {
      const p = this.position();
      this.expect(')');
      return p;
    }
    return this.position();
  }

  geometry(): DynamicValue {
    const type = this.word();
    const dims = this.word(); // Z, M or ZM, when present
    if (dims !== '' && !['Z', 'M', 'ZM'].includes(dims)) {
      throw new SyntaxError(dims);
    }
    const line = () => this.list(() => this.position());
    const polygon = () => this.list(line);
    switch (type) {
      case 'POINT':
        return shape('Point', this.list(() => this.position())[0]!);
      case 'LINESTRING':
        return shape('LineString', line());
      case 'POLYGON':
        return shape('Polygon', polygon());
      case 'MULTIPOINT':
        return shape(
          'MultiPoint',
          this.list(() => this.multiPoint()),
        );
      case 'MULTILINESTRING':
        return shape('MultiLineString', this.list(line));
      case 'MULTIPOLYGON':
        return shape('MultiPolygon', this.list(polygon));
      case 'GEOMETRYCOLLECTION':
        return recordOf<DynamicValue>({ type: 'GeometryCollection', geometries: this.list(() => this.geometry()) });
      default:
        throw new SyntaxError(type);
    }
  }
}

function shape(type: string, coordinates: DynamicValue): DynamicValue {
  return recordOf<DynamicValue>({ type, coordinates });
}

export const geoFromWkt: ScalarFunction[] = [
  scalar('geo_from_wkt', () => (args) => {
    const text = args[0];
    if (typeof text !== 'string') {
      return null;
    }
    try {
      const reader = new WktReader(text);
      const g = reader.geometry();
      return reader.done() ? g : null;
    } catch (e) {
      if (e instanceof SyntaxError) {
        return null;
      }
      throw e;
    }
  }),
];
