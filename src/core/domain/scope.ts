/**
 * The scopes every area-wide figure is shown for: each province of the new area, and the area as a whole. The area is
 * always derived from the provinces (never measured on its own), so the three figures always add up.
 */
import { PROVINCES, type Province } from '../contract/topics';

export type Scope = Province | 'area';
export const SCOPES = [...PROVINCES, 'area'] as const satisfies readonly Scope[];

export type ByScope<T> = Record<Scope, T>;
export type ByProvince<T> = Record<Province, T>;
/** The same scopes in reading order, the area before its provinces (tables and exports that lead with the total). */
export const SCOPES_AREA_FIRST = ['area', ...PROVINCES] as const satisfies readonly Scope[];
