export * from './types';
export { publish, type PublishOptions } from './send';
export { prepare, defaultTarget, fillTemplate, asciiHeader, messageIdOf } from './prepare';
