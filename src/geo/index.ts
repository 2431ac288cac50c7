/**
 * Pure geo functions (no DOM): GeoJSON in, GeoJSON out, inputs never mutated. Bad input throws an
 * error naming the argument.
 * @packageDocumentation
 */
export { corridorZone, type CorridorZoneOptions } from './corridorZone.js';
export { linesToArea } from './linesToArea.js';
export { villagesAlong, type AlongProperties, type VillagesAlongOptions } from './villagesAlong.js';
export {
  assignClusters,
  type AssignClustersOptions,
  type ClusterAssignment,
  type ClusterableProperties,
} from './assignClusters.js';
export {
  proposeClusters,
  type ProposeClustersOptions,
  type ProposeClustersResult,
  type ProposedCluster,
  type UnclusteredTown,
} from './proposeClusters.js';
export { linkPoints, type LinkPointsOptions } from './linkPoints.js';
export { clusterHull, type ClusterHullOptions } from './clusterHull.js';

export { planBounds } from './planBounds.js';
