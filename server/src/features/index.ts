/**
 * Every server feature, in registration order. Add a feature by creating its
 * file in this folder and listing it here.
 */
import { codeActionsFeature } from './codeActions';
import { datasetOverviewFeature } from './datasetOverview';
import { datasetViewFeature } from './datasetView';
import { fixAllFeature } from './fixAll';
import { inlayHintsFeature } from './inlayHints';
import { ServerFeature } from './feature';
import { languageFeatures } from './languageFeatures';
import { timelineFeature } from './timeline';

export const FEATURES: readonly ServerFeature[] = [languageFeatures, timelineFeature, codeActionsFeature, fixAllFeature, datasetOverviewFeature, datasetViewFeature, inlayHintsFeature];
