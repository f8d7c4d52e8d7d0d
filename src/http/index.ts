// The built-in HTTP server for preseeds and kickstarts.
export type { ContentMap } from './content-map.js';
export { hbsTransform, TEMPLATE_EXTENSION } from './hbs-templates.js';
export { listen } from './listen.js';
export type { FileTransform, ServedFile, TransformedFile } from './responses.js';
export {
  type HttpServerHandle,
  type HttpServerOptions,
  type RequestLogEntry,
  type RunningHttpServer,
  startHttpServer,
} from './server.js';
