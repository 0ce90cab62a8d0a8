/**
 * Every server feature, in registration order. Add a feature by creating its
 * file in this folder and listing it here.
 */
import { ServerFeature } from './feature';
import { languageFeatures } from './languageFeatures';

export const FEATURES: readonly ServerFeature[] = [languageFeatures];
