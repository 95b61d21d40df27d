import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface TaxonomyCategory {
  name: string;
  contributing_factors: string[];
  typical_evidence: string;
}

export interface TaxonomyData {
  version: string;
  categories: TaxonomyCategory[];
  severities: string[];
  confidence_bands: { band: string; min: number }[];
}

/** The taxonomy of taxonomy.md as data (schemas/json/taxonomy.json). */
export const taxonomy: TaxonomyData = require('@faultline/schemas/json/taxonomy.json');

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type ConfidenceBand = 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const SEVERITY_RANK: Record<Severity, number> = { critical: 3, high: 2, medium: 1, low: 0 };

const factorsByCategory = new Map<string, Set<string>>(taxonomy.categories.map((c) => [c.name, new Set(c.contributing_factors)]));

export const CATEGORIES: readonly string[] = taxonomy.categories.map((c) => c.name);

export function isCategory(value: string): boolean {
  return factorsByCategory.has(value);
}

/** True when `factor` is one of `category`'s contributing factors. */
export function factorBelongs(category: string, factor: string): boolean {
  return factorsByCategory.get(category)?.has(factor) ?? false;
}

export function factorsOf(category: string): string[] {
  return [...(factorsByCategory.get(category) ?? [])];
}

/** high ≥ 0.8, medium ≥ 0.5, low below (taxonomy.md). */
export function confidenceBand(confidence: number): ConfidenceBand {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.5) return 'medium';
  return 'low';
}
