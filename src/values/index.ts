export { splitKey, getValue, setValue, deepMerge } from './keys.js';
export { composeValues, composeValuesDetailed, chartVersionOf, imageOf, type ComposeOptions, type ComposedValues } from './compose.js';
