/**
 * Minimal types for `geojson-validation` (1.x, CommonJS, ships no types). Every check takes the
 * object and `trace`: with `trace = true` it returns the list of errors (empty when valid),
 * otherwise a boolean.
 */
declare module 'geojson-validation' {
  type Check = {
    (object: unknown, trace: true): string[];
    (object: unknown, trace?: false): boolean;
  };
  export const valid: Check;
  export const isGeoJSONObject: Check;
  export const isGeometryObject: Check;
  export const isPosition: Check;
  export const isPoint: Check;
  export const isMultiPoint: Check;
  export const isLineString: Check;
  export const isMultiLineString: Check;
  export const isPolygon: Check;
  export const isMultiPolygon: Check;
  export const isGeometryCollection: Check;
  export const isFeature: Check;
  export const isFeatureCollection: Check;
  export const isBbox: Check;
  /** Registers a custom check for a type. Global state: belt-map does not use it. */
  export function define(type: string, definition: (object: unknown) => string | string[] | void): boolean;
}
