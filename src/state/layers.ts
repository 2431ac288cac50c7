/** Public layer ids: what a user toggles, and the prefix of every style layer that draws it. */
export const PUBLIC_LAYERS = ['boundaries', 'villages', 'corridors', 'culture-belts', 'clusters', 'belt'] as const;
export type PublicLayerId = (typeof PUBLIC_LAYERS)[number];

export function isPublicLayerId(id: string): id is PublicLayerId {
  return (PUBLIC_LAYERS as readonly string[]).includes(id);
}

/** The public layer of a line file key. */
export function lineLayer(key: 'corridors' | 'cultureBelts'): 'corridors' | 'culture-belts' {
  return key === 'corridors' ? 'corridors' : 'culture-belts';
}
