export * from './types';
export { PROFILES, ProfileSession, detectFromUrl, profileById, DETECTION_EVENTS, type Classified } from './registry';
export { htmlToText } from './html-text';
export { emojiFor } from './emoji';
export { priorityOf, mapGeneric } from './fields';
export { ntfyTopicUrl } from './ntfy';
export { mercureHub } from './mercure';
