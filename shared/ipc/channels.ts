/**
 * The channel names, derived from the contract (contract.ts): invoke (renderer → main, request/response) and push
 * (main → renderer). No schemas here, so the preload may import it.
 */
export { invoke, invokeChannels, push, pushChannels, type InvokeChannel, type PushChannel } from './contract';
