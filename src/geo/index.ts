/**
 * Pure geo functions (no DOM): GeoJSON in, GeoJSON out, inputs never mutated.
 * @packageDocumentation
 */
export { clusterHull, type ClusterHullOptions } from './clusterHull.js';
export { linkPoints, type LinkPointsOptions } from './linkPoints.js';
export { planBounds } from './planBounds.js';
