export * from './types';
export { publish, type PublishOptions } from './send';
export { prepare, defaultTarget, fillTemplate, asciiHeader, messageIdOf } from './prepare';
export { parsePublishArgs, runPublish, PUBLISH_USAGE, EXIT_PUBLISH_FAILED, type PublishCommand } from './command';
export { runHttpAction, downloadAttachment, type ActionResult, type ActionOptions } from './actions';
