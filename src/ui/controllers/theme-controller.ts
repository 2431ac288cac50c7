import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaultTheme, planTheme, type Theme } from '../../state/theme.js';
import type { Plan } from '../../types/plan.js';

/**
 * The custom property of a theme key: `lineById.<id>` → `--belt-color-line-<id>`, `role.<id>` →
 * `--belt-color-role-<id>`, `roleKind.core` → `--belt-color-role-kind-core`, `districtFocus` →
 * `--belt-color-district-focus`.
 */
export function cssName(path: string[]): string {
  return `--belt-color-${path.map((p) => p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join('-')}`.replace('-line-by-id-', '-line-');
}

/**
 * WebGL cannot read CSS, so this reads the host's `--belt-color-*` custom properties into a
 * {@link Theme} for the map. Unset properties keep the default colour.
 */
export class ThemeController implements ReactiveController {
  theme: Theme = defaultTheme;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.read();
  }

  /** Re-reads the custom properties (for every role and line of `plan`); returns true when a colour changed. */
  read(plan?: Plan | null): boolean {
    const style = getComputedStyle(this.host);
    const pick = (path: string[], fallback: string) => style.getPropertyValue(cssName(path)).trim() || fallback;
    const walk = <T extends object>(obj: T, path: string[]): T =>
      Object.fromEntries(
        Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? pick([...path, k], v) : walk(v as object, [...path, k])]),
      ) as T;
    const next = walk(plan ? planTheme(plan) : defaultTheme, []);
    const changed = JSON.stringify(next) !== JSON.stringify(this.theme);
    if (changed) this.theme = next;
    return changed;
  }
}
